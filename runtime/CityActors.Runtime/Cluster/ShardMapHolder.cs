namespace CityActors.Runtime.Cluster;

/// <summary>The current shard map of a silo or client, replaced whole on every refresh.</summary>
internal sealed class ShardMapHolder(int shardCount) : IShardMapSource
{
    private ShardMap _current = ShardMap.Empty(shardCount);
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Func<Task>? _refresh;

    public ShardMap Current => Volatile.Read(ref _current);

    /// <summary>An active refresh (a client asks a gateway); without one, refreshing waits for the next publication.</summary>
    public void UseRefresh(Func<Task> refresh) => _refresh = refresh;

    public void Publish(ShardMap map)
    {
        Volatile.Write(ref _current, map);
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public Task RefreshAsync() => _refresh is { } refresh ? refresh() : Volatile.Read(ref _next).Task;
}

/// <summary>This silo's identity in the cluster.</summary>
internal sealed record ClusterSiloIdentity(Guid SiloId);
