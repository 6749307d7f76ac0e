namespace CityActors.Deadlines;

/// <summary>
/// Which deadline shard owns a grain's deadlines. The shard is stored with every row, so the function must give the
/// same answer in every silo, process and version for as long as the table lives: it is our own FNV-1a over the grain
/// id's bytes (type, a '/', key) with a final avalanche, never a runtime hash code that could change with a release.
/// </summary>
public static class DeadlineSharding
{
    private const uint FnvOffsetBasis = 2166136261;
    private const uint FnvPrime = 16777619;

    public static int ShardOf(GrainId grain, int shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shardCount);
        var hash = FnvOffsetBasis;
        hash = Mix(hash, grain.Type.AsSpan());
        hash = (hash ^ (byte)'/') * FnvPrime;
        hash = Mix(hash, grain.Key.AsSpan());

        // FNV's low bits are weak for small moduli; the murmur3 finalizer spreads every input bit over them.
        hash ^= hash >> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >> 13;
        hash *= 0xc2b2ae35;
        hash ^= hash >> 16;
        return (int)(hash % (uint)shardCount);
    }

    private static uint Mix(uint hash, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * FnvPrime;
        }

        return hash;
    }
}
