namespace CityActors.Deadlines;

/// <summary>The silo's <see cref="IDeadlineCommits"/>: the write batcher for writes, the shard notifier for changes committed elsewhere.</summary>
internal sealed class DeadlineCommits(DeadlineWriteBatcher writes, DeadlineShardNotifier shards, DeadlineMetrics metrics) : IDeadlineCommits
{
    public Task WriteAsync(DeadlineChange change, CancellationToken cancellationToken) => writes.SubmitAsync(change, cancellationToken);

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
