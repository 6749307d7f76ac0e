namespace CityActors.LoadTests.Failover;

/// <summary>Percentiles of a small sample by nearest rank over the sorted values, so every percentile is a measured value and p99 ≤ max.</summary>
internal sealed class ExactPercentiles(IEnumerable<TimeSpan> values)
{
    private readonly TimeSpan[] _sorted = [.. values.Order()];

    public int Count => _sorted.Length;

    public TimeSpan Max => _sorted.Length == 0 ? TimeSpan.Zero : _sorted[^1];

    public TimeSpan At(double percentile) =>
        _sorted.Length == 0 ? TimeSpan.Zero : _sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * _sorted.Length) - 1, 0, _sorted.Length - 1)];
}
