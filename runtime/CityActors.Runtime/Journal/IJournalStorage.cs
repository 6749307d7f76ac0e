namespace CityActors;

/// <summary>One stored event of a grain's journal. Versions start at 1 and have no gaps.</summary>
public sealed record JournalRecord(long Version, DateTimeOffset Timestamp, string EventType, byte[] Payload);

/// <summary>A serialized state as of <see cref="Version"/>, so replay can skip the events before it.</summary>
public sealed record JournalSnapshot(long Version, byte[] State);

/// <summary>
/// Append-only event storage for journaled grains. An append names the version the writer last saw; it commits only if
/// that is still the journal's version (and, clustered, only under the current shard lease), atomically for the batch.
/// </summary>
public interface IJournalStorage
{
    /// <summary>Events with a version greater than <paramref name="afterVersion"/>, in order.</summary>
    Task<IReadOnlyList<JournalRecord>> ReadAsync(GrainId grainId, long afterVersion, CancellationToken cancellationToken);

    /// <exception cref="InconsistentStateException">The journal is not at <paramref name="expectedVersion"/>.</exception>
    Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<JournalRecord> records, FencingToken fence, CancellationToken cancellationToken);

    Task<JournalSnapshot?> ReadSnapshotAsync(GrainId grainId, CancellationToken cancellationToken);

    Task WriteSnapshotAsync(GrainId grainId, JournalSnapshot snapshot, FencingToken fence, CancellationToken cancellationToken);
}
