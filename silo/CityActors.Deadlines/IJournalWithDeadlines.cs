using CityActors.Journals;

namespace CityActors.Deadlines;

/// <summary>
/// A journal append that carries the deadline changes its events imply (an SLA clock started, moved or stopped). The
/// changes apply only if the append commits, so a grain's journal and its deadlines never disagree for long: with
/// PostgreSQL both go in one transaction and one round trip; elsewhere (<see cref="SequentialJournalWithDeadlines"/>)
/// the changes follow the append.
/// </summary>
public interface IJournalWithDeadlines
{
    /// <summary>
    /// Appends as <see cref="IEventJournal.AppendAsync"/> does and, if the records were appended now, applies
    /// <paramref name="deadlineChanges"/> (made by <see cref="IDeadlines.Change"/>) with them. A retry of an append that
    /// had committed reports true and changes nothing more: its changes committed with it.
    /// </summary>
    /// <returns>False when the journal holds other events after <paramref name="expectedVersion"/>; nothing was written.</returns>
    Task<bool> AppendAsync(
        JournalId journal,
        long expectedVersion,
        IReadOnlyList<JournalRecord> records,
        IReadOnlyList<DeadlineChange> deadlineChanges,
        CancellationToken cancellationToken);
}
