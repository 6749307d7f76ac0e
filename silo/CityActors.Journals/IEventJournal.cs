namespace CityActors.Journals;

/// <summary>
/// Append-only event storage. An append names the version the writer last saw and commits only if that is still the
/// journal's version, atomically for the batch; that check is what keeps a stale activation (on a frozen or
/// partitioned silo) from ever appending to a journal it has not read to the end.
/// </summary>
public interface IEventJournal
{
    /// <summary>Events with a version greater than <paramref name="afterVersion"/>, in order.</summary>
    Task<IReadOnlyList<JournalRecord>> ReadAsync(JournalId journal, long afterVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Appends <paramref name="records"/> (numbered <paramref name="expectedVersion"/> + 1 onwards) if the journal is
    /// at <paramref name="expectedVersion"/>. Retrying an append that did commit (its answer was lost) is safe: when
    /// the journal already holds exactly these records at these versions the append reports success again.
    /// </summary>
    /// <returns>False when the journal holds other events after <paramref name="expectedVersion"/>; nothing was written.</returns>
    /// <exception cref="ArgumentException">The records are not numbered consecutively from <paramref name="expectedVersion"/> + 1.</exception>
    Task<bool> AppendAsync(JournalId journal, long expectedVersion, IReadOnlyList<JournalRecord> records, CancellationToken cancellationToken);

    Task<JournalSnapshot?> ReadSnapshotAsync(JournalId journal, CancellationToken cancellationToken);

    /// <summary>
    /// The latest snapshot (null when there is none) and the events after it, as of one instant: what replaying a
    /// journal needs. Stores that can answer in one round trip override this.
    /// </summary>
    async Task<(JournalSnapshot? Snapshot, IReadOnlyList<JournalRecord> Records)> ReadLatestAsync(JournalId journal, CancellationToken cancellationToken)
    {
        var snapshot = await ReadSnapshotAsync(journal, cancellationToken).ConfigureAwait(false);
        return (snapshot, await ReadAsync(journal, snapshot?.Version ?? 0, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Stores the snapshot unless a newer one is already stored.</summary>
    Task WriteSnapshotAsync(JournalId journal, JournalSnapshot snapshot, CancellationToken cancellationToken);
}
