using System.Diagnostics;
using CityActors.Deadlines;
using CityActors.Journals;

namespace CityActors.LoadTests.Profiling;

/// <summary>The silo's journal appends with deadline changes, timing every one for the <see cref="DurableWriteProfile"/>.</summary>
public sealed class TimedJournalWithDeadlines(IJournalWithDeadlines inner, DurableWriteProfile profile) : IJournalWithDeadlines
{
    public async Task<bool> AppendAsync(
        JournalId journal,
        long expectedVersion,
        IReadOnlyList<JournalRecord> records,
        IReadOnlyList<DeadlineChange> deadlineChanges,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.AppendAsync(journal, expectedVersion, records, deadlineChanges, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            profile.Record("command commit", Stopwatch.GetElapsedTime(started));
        }
    }
}
