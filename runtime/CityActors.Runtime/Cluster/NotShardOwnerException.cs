namespace CityActors.Runtime.Cluster;

/// <summary>A silo was asked to run a grain of a shard it does not serve; callers refresh their map and retry.</summary>
internal sealed class NotShardOwnerException(int shard, string silo)
    : Exception($"Silo '{silo}' does not own shard {shard}.")
{
    public int Shard { get; } = shard;
}
