using System.Globalization;

namespace CityActors.LoadTests.Measurement;

/// <summary>The latency figures of one phase, in microseconds; p50 ≤ p99 ≤ max.</summary>
public readonly record struct LatencySummary(double P50Microseconds, double P99Microseconds, double MaxMicroseconds)
{
    /// <summary>"p50 … p99 … max …" in milliseconds, for progress lines.</summary>
    public string InMilliseconds() => string.Create(
        CultureInfo.InvariantCulture, $"p50 {P50Microseconds / 1e3:N2} ms  p99 {P99Microseconds / 1e3:N2} ms  max {MaxMicroseconds / 1e3:N2} ms");

    /// <summary>"p50 … p99 … max …" in microseconds, for progress lines.</summary>
    public string InMicroseconds() => string.Create(
        CultureInfo.InvariantCulture, $"p50 {P50Microseconds:N1} µs  p99 {P99Microseconds:N1} µs  max {MaxMicroseconds:N1} µs");
}
