namespace CityActors.Journals;

/// <summary>An append with the contract of <see cref="IEventJournal.AppendAsync"/>.</summary>
public delegate Task<bool> JournalAppend(JournalId journal, long expectedVersion, IReadOnlyList<JournalRecord> records, CancellationToken cancellationToken);
