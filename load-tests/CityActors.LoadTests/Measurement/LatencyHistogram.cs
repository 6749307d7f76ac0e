namespace CityActors.LoadTests.Measurement;

/// <summary>
/// A log-linear histogram of durations in nanoseconds: 64 linear sub-buckets per power of two, so any recorded value
/// is reported within about 1.6 %. One per caller (no sharing on the hot path), merged at the end.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBuckets = 64;
    private const int SubBucketBits = 6;
    private readonly long[] _counts = new long[SubBuckets * 64];

    public long Count { get; private set; }

    public void Record(long nanoseconds)
    {
        var value = (ulong)Math.Max(0, nanoseconds);
        _counts[BucketOf(value)]++;
        Count++;
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
    }

    /// <summary>The value at <paramref name="percentile"/> (0–100), in nanoseconds (upper edge of its bucket).</summary>
    public long Percentile(double percentile)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(percentile / 100.0 * Count);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return UpperEdge(i);
            }
        }

        return UpperEdge(_counts.Length - 1);
    }

    private static int BucketOf(ulong value)
    {
        if (value < SubBuckets)
        {
            return (int)value;
        }

        var exponent = 63 - (int)ulong.LeadingZeroCount(value);
        var mantissa = (int)(value >> (exponent - SubBucketBits)) & (SubBuckets - 1);
        return ((exponent - SubBucketBits + 1) * SubBuckets) + mantissa;
    }

    private static long UpperEdge(int bucket)
    {
        if (bucket < SubBuckets)
        {
            return bucket;
        }

        var exponent = (bucket / SubBuckets) + SubBucketBits - 1;
        var mantissa = bucket % SubBuckets;
        return ((long)(SubBuckets + mantissa + 1) << (exponent - SubBucketBits)) - 1;
    }
}
