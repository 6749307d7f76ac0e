using System.Diagnostics;

namespace CityActors.Cluster.Tests;

internal static class FirstSuccess
{
    /// <summary>No attempt is waited for longer: a call caught by the failure may hang until the client's response timeout.</summary>
    private static readonly TimeSpan AttemptLimit = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Calls until a call succeeds and returns the time on <paramref name="since"/> at that success. Failed attempts
    /// (the grain still routed to a dead silo, not yet re-activated) are retried after 20 ms, attempts that hang are
    /// abandoned after 2 s, until <paramref name="limit"/>.
    /// </summary>
    public static async Task<TimeSpan> AfterAsync(Func<Task> call, Stopwatch since, TimeSpan limit)
    {
        while (true)
        {
            try
            {
                await call().WaitAsync(AttemptLimit);
                return since.Elapsed;
            }
            catch (Exception) when (since.Elapsed < limit)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20));
            }
        }
    }
}
