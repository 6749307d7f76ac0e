using System.Diagnostics;
using CityActors.Deadlines;
using CityActors.Journals;

namespace CityActors.LoadTests.Profiling;

/// <summary>
/// The silo's journal appends with deadline changes, timing every one for the <see cref="DurableWriteProfile"/> and
/// handing those that were appended to <paramref name="commits"/>, when given.
/// </summary>
public sealed class TimedJournalWithDeadlines(IJournalWithDeadlines inner, DurableWriteProfile profile, RecordedCommits? commits = null) : IJournalWithDeadlines
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
            var appended = await inner.AppendAsync(journal, expectedVersion, records, deadlineChanges, cancellationToken).ConfigureAwait(false);
            if (appended)
            {
                commits?.Record(journal, expectedVersion, records, deadlineChanges);
            }

            return appended;
        }
        finally
        {
            profile.Record("command commit", Stopwatch.GetElapsedTime(started));
        }
    }
}
