using CityActors.Journals;

namespace CityActors.Deadlines;

/// <summary>
/// <see cref="IJournalWithDeadlines"/> for a journal and a deadline table that cannot share a transaction (in memory,
/// or in different stores): the append, then the deadline changes through the deadline service's group commit. A
/// silo that dies between the two leaves the deadlines behind the journal; the grain reconciles them on its next
/// activation.
/// </summary>
public sealed class SequentialJournalWithDeadlines(IEventJournal events, IDeadlineCommits deadlines) : IJournalWithDeadlines
{
    public async Task<bool> AppendAsync(
        JournalId journal,
        long expectedVersion,
        IReadOnlyList<JournalRecord> records,
        IReadOnlyList<DeadlineChange> deadlineChanges,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadlineChanges);
        if (!await events.AppendAsync(journal, expectedVersion, records, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await deadlines.WriteAsync(deadlineChanges, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
