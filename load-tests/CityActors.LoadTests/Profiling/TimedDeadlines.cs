using System.Diagnostics;
using CityActors.Deadlines;

namespace CityActors.LoadTests.Profiling;

/// <summary>The silo's deadline service, timing every call into it for the <see cref="DurableWriteProfile"/>.</summary>
public sealed class TimedDeadlines(IDeadlines inner, DurableWriteProfile profile) : IDeadlines
{
    public Task SetAsync(GrainId grain, string name, DateTimeOffset due, CancellationToken cancellationToken = default) =>
        TimeAsync("deadline set", inner.SetAsync(grain, name, due, cancellationToken));

    public Task CancelAsync(GrainId grain, string name, CancellationToken cancellationToken = default) =>
        TimeAsync("deadline cancel", inner.CancelAsync(grain, name, cancellationToken));

    public DeadlineChange Change(GrainId grain, string name, DateTimeOffset? due) => inner.Change(grain, name, due);

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> GetAsync(GrainId grain, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.GetAsync(grain, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            profile.Record("deadline read", Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task TimeAsync(string kind, Task call)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await call.ConfigureAwait(false);
        }
        finally
        {
            profile.Record(kind, Stopwatch.GetElapsedTime(started));
        }
    }
}
