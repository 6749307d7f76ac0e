namespace CityActors.Deadlines;

/// <summary>
/// Where pending deadlines are kept durably: one row per (grain, name) with its shard and due instant, indexed by
/// (shard, due). Rows are written in batches by the registration path and deleted by the shard that fired them.
/// Implementations: <see cref="MemoryDeadlineTable"/> (embedded mode, tests) and PostgreSQL (CityActors.PostgreSql).
/// </summary>
public interface IDeadlineTable
{
    /// <summary>
    /// Applies a batch of sets and cancels atomically (all or nothing). Keys are distinct within a batch. Returns, for
    /// each change at the same index, the due instant the deadline had before the batch (null if there was none); the
    /// registration path uses it to tell whether a shard holds the old instant in memory.
    /// </summary>
    Task<IReadOnlyList<DateTimeOffset?>> ApplyAsync(IReadOnlyList<DeadlineChange> changes, CancellationToken cancellationToken);

    /// <summary>Every deadline of <paramref name="shard"/> due before <paramref name="dueBefore"/>, overdue ones included.</summary>
    Task<IReadOnlyList<DeadlineEntry>> ReadDueAsync(int shard, DateTimeOffset dueBefore, CancellationToken cancellationToken);

    /// <summary>The current rows of <paramref name="keys"/>; keys without a pending deadline are absent from the answer.</summary>
    Task<IReadOnlyList<DeadlineEntry>> ReadAsync(IReadOnlyCollection<DeadlineKey> keys, CancellationToken cancellationToken);

    /// <summary>The pending deadlines of one grain, by name.</summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> ReadGrainAsync(GrainId grain, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes delivered deadlines, each only if its row still has the due instant that was delivered (a deadline moved
    /// meanwhile stays). Keys are distinct within a batch. Returns the rows of the given keys that remain with another
    /// due instant, so the caller can schedule what they were moved to.
    /// </summary>
    Task<IReadOnlyList<DeadlineEntry>> DeleteFiredAsync(IReadOnlyList<DeadlineEntry> fired, CancellationToken cancellationToken);
}
