using HdrHistogram;

namespace CityActors.LoadTests.Measurement;

/// <summary>
/// Durations in nanoseconds in an HdrHistogram (3 significant digits, so any value is reported within 0.1 %), plus the
/// exact largest value recorded. Not thread-safe: one per recording thread (<see cref="LatencyRecorder"/>), merged at the end.
/// </summary>
/// <remarks>
/// HdrHistogram answers a percentile with the highest value of the bucket it falls in, which can lie above the
/// largest value actually recorded; the old printer reported such a p99 above the max. Every percentile here is
/// capped at the exact maximum, so percentile ≤ max holds by construction.
/// </remarks>
public sealed class LatencyHistogram
{
    /// <summary>Longest duration kept apart from others; longer ones are counted as this (an hour is far beyond any run).</summary>
    public static readonly long HighestTrackableNanoseconds = (long)TimeSpan.FromHours(1).TotalNanoseconds;

    private const int SignificantDigits = 3;

    private readonly LongHistogram _histogram = new(1, HighestTrackableNanoseconds, SignificantDigits);

    public long Count => _histogram.TotalCount;

    /// <summary>The exact largest value recorded, in nanoseconds; 0 when empty.</summary>
    public long MaxNanoseconds { get; private set; }

    public void Record(long nanoseconds)
    {
        var value = Math.Clamp(nanoseconds, 1, HighestTrackableNanoseconds);
        _histogram.RecordValue(value);
        if (value > MaxNanoseconds)
        {
            MaxNanoseconds = value;
        }
    }

    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _histogram.Add(other._histogram);
        MaxNanoseconds = Math.Max(MaxNanoseconds, other.MaxNanoseconds);
    }

    /// <summary>The mean of the values recorded, in nanoseconds (at the histogram's precision); 0 when empty.</summary>
    public double MeanNanoseconds => Count == 0 ? 0 : _histogram.GetMean();

    /// <summary>The value at <paramref name="percentile"/> (0–100) in nanoseconds, never above <see cref="MaxNanoseconds"/>; 0 when empty.</summary>
    public long Percentile(double percentile) =>
        Count == 0 ? 0 : Math.Min(_histogram.GetValueAtPercentile(percentile), MaxNanoseconds);

    /// <summary>p50, p99 and max in microseconds, the figures every report carries.</summary>
    public LatencySummary Summary() => new(Percentile(50) / 1e3, Percentile(99) / 1e3, MaxNanoseconds / 1e3);
}
