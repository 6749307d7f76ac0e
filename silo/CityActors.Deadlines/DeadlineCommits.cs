namespace CityActors.Deadlines;

/// <summary>The silo's <see cref="IDeadlineCommits"/>: the deadline table for writes, the shard notifier for what changed.</summary>
/// <remarks>
/// A command's changes are already one batch, written straight to the table: an in-memory table answers at once,
/// without the hops through <see cref="DeadlineWriteBatcher"/>'s writer loops. A database table sees one statement per
/// command on this path, which only a journal and deadline table in different stores take.
/// </remarks>
internal sealed class DeadlineCommits(IDeadlineTable table, DeadlineShardNotifier shards, DeadlineMetrics metrics) : IDeadlineCommits
{
    public async Task WriteAsync(IReadOnlyList<DeadlineChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        var previous = await table.ApplyAsync(changes, cancellationToken).ConfigureAwait(false);
        Committed(changes, previous);
    }

    public void Committed(IReadOnlyList<DeadlineChange> changes, IReadOnlyList<DateTimeOffset?> previous)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            metrics.Changed(change.IsCancel);
        }

        shards.OnCommitted(changes, previous);
    }
}
