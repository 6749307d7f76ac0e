namespace CityActors.Runtime.Cluster;

/// <summary>A silo as the rest of the cluster sees it: its id, name and the endpoint it serves calls on.</summary>
public sealed record SiloInfo(Guid SiloId, string Name, string Endpoint);

/// <summary>One shard's lease as stored: the owner (null if released), the epoch of its last acquisition and whether it has expired by database time.</summary>
public readonly record struct ShardAssignment(int Shard, Guid? SiloId, long Epoch, bool Expired);

/// <summary>What a heartbeat learns: live silos, every shard's lease, and which of this silo's leases were renewed (at which epoch).</summary>
public sealed record MembershipView(IReadOnlyList<SiloInfo> LiveSilos, IReadOnlyList<ShardAssignment> Shards, IReadOnlyDictionary<int, long> Renewed);

/// <summary>
/// The database side of membership and shard leases. Every time comparison happens in the store (database time), so
/// silos' clocks never decide who owns what.
/// </summary>
public interface IMembershipStore
{
    /// <summary>Checks the stored cluster (creating it on first use with <paramref name="shardCount"/>) and registers the silo as active.</summary>
    /// <exception cref="ClusterConfigurationException">The stored cluster has a different shard count.</exception>
    Task JoinAsync(SiloInfo silo, int shardCount, CancellationToken cancellationToken);

    /// <summary>Records a heartbeat and extends this silo's unexpired leases by <paramref name="leaseDuration"/>.</summary>
    Task<MembershipView> HeartbeatAsync(Guid siloId, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>Takes the given shards that are unowned or expired, bumping each one's epoch; returns those taken with their new epochs.</summary>
    Task<IReadOnlyDictionary<int, long>> ClaimAsync(Guid siloId, IReadOnlyCollection<int> shards, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>Gives up leases this silo holds so other silos can claim them at once.</summary>
    Task ReleaseAsync(Guid siloId, IReadOnlyCollection<int> shards, CancellationToken cancellationToken);

    /// <summary>Marks the silo stopped and releases whatever leases it still holds.</summary>
    Task LeaveAsync(Guid siloId, CancellationToken cancellationToken);
}
