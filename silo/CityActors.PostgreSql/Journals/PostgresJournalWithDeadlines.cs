using CityActors.Deadlines;
using CityActors.Journals;

namespace CityActors.PostgreSql.Journals;

/// <summary>
/// <see cref="IJournalWithDeadlines"/> on PostgreSQL: a journal append and its deadline changes in one round trip and
/// one transaction, group-committed with other grains' appends (<see cref="JournalAppendBatcher"/>). Needs the journal
/// and the deadline table in the same database; the registration checks that.
/// </summary>
internal sealed class PostgresJournalWithDeadlines(PostgresEventJournal events, IDeadlineCommits deadlines) : IJournalWithDeadlines
{
    public Task<bool> AppendAsync(
        JournalId journal,
        long expectedVersion,
        IReadOnlyList<JournalRecord> records,
        IReadOnlyList<DeadlineChange> deadlineChanges,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(deadlineChanges);
        return events.AppendAsync(new PendingAppend(journal, expectedVersion, records, cancellationToken)
        {
            DeadlineChanges = deadlineChanges,
            DeadlinesCommitted = deadlines.Committed,
        });
    }
}
