namespace CityActors.Runtime.Cluster;

/// <summary>Which shards this process may host grains of, and at which lease epoch (the fence of their writes).</summary>
internal interface IShardOwnership
{
    /// <summary>True if new activations of <paramref name="shard"/> may be created here now; <paramref name="epoch"/> fences their writes.</summary>
    bool TryGetServingEpoch(int shard, out long epoch);
}

/// <summary>Embedded mode: one silo owns every shard at epoch 0.</summary>
internal sealed class EmbeddedOwnership : IShardOwnership
{
    public bool TryGetServingEpoch(int shard, out long epoch)
    {
        epoch = 0;
        return true;
    }
}

/// <summary>
/// Clustered mode: the leases this silo holds. A lease counts only until <c>validUntil</c>, a local monotonic
/// timestamp computed from when the renewing heartbeat was <em>sent</em> plus the lease duration minus a safety
/// margin. The database extended the lease from its own now(), which is later than the send, so the silo stops
/// serving before any other silo can claim the shard, even if heartbeats stop (self-fencing).
/// </summary>
internal sealed class ShardOwnership(int shardCount, TimeProvider time) : IShardOwnership
{
    private readonly object _lock = new();
    private readonly long[] _epochs = new long[shardCount];
    private readonly bool[] _draining = new bool[shardCount];
    private long _validUntil = long.MinValue;

    public int ShardCount => _epochs.Length;

    public long ValidUntil => Volatile.Read(ref _validUntil);

    public bool IsValid => time.GetTimestamp() < ValidUntil;

    public bool TryGetServingEpoch(int shard, out long epoch)
    {
        epoch = Volatile.Read(ref _epochs[shard]);
        return epoch > 0 && !Volatile.Read(ref _draining[shard]) && time.GetTimestamp() < Volatile.Read(ref _validUntil);
    }

    /// <summary>The epoch this silo holds <paramref name="shard"/> at, draining or not; 0 if it does not hold it.</summary>
    public long EpochOf(int shard) => Volatile.Read(ref _epochs[shard]);

    public List<int> Owned()
    {
        lock (_lock)
        {
            var owned = new List<int>();
            for (var shard = 0; shard < _epochs.Length; shard++)
            {
                if (_epochs[shard] > 0)
                {
                    owned.Add(shard);
                }
            }

            return owned;
        }
    }

    /// <summary>Applies a renewal: renewed leases count until <paramref name="validUntil"/>; returns the held shards that were not renewed (lost).</summary>
    public List<int> Renew(IReadOnlyDictionary<int, long> renewed, long validUntil)
    {
        lock (_lock)
        {
            var lost = new List<int>();
            for (var shard = 0; shard < _epochs.Length; shard++)
            {
                if (_epochs[shard] > 0 && (!renewed.TryGetValue(shard, out var epoch) || epoch != _epochs[shard]))
                {
                    lost.Add(shard);
                    Remove(shard);
                }
            }

            Volatile.Write(ref _validUntil, validUntil);
            return lost;
        }
    }

    public void Add(IReadOnlyDictionary<int, long> claimed, long validUntil)
    {
        lock (_lock)
        {
            foreach (var (shard, epoch) in claimed)
            {
                _draining[shard] = false;
                Volatile.Write(ref _epochs[shard], epoch);
            }

            if (_validUntil == long.MinValue || validUntil < _validUntil)
            {
                Volatile.Write(ref _validUntil, validUntil);
            }
        }
    }

    /// <summary>Test hook (a paused process): leases count as valid until the next renewal, whatever the time.</summary>
    public void TrustIndefinitely() => Volatile.Write(ref _validUntil, long.MaxValue);

    /// <summary>Stops new activations of these shards while their current ones finish and persist (graceful hand-off).</summary>
    public void BeginDrain(IEnumerable<int> shards)
    {
        foreach (var shard in shards)
        {
            Volatile.Write(ref _draining[shard], true);
        }
    }

    public void Release(IEnumerable<int> shards)
    {
        lock (_lock)
        {
            foreach (var shard in shards)
            {
                Remove(shard);
            }
        }
    }

    /// <summary>Drops every lease (self-fencing or shutdown); returns what was held.</summary>
    public List<int> ReleaseAll()
    {
        lock (_lock)
        {
            var owned = Owned();
            foreach (var shard in owned)
            {
                Remove(shard);
            }

            return owned;
        }
    }

    private void Remove(int shard)
    {
        Volatile.Write(ref _epochs[shard], 0);
        _draining[shard] = false;
    }
}
