namespace CityActors.LoadTests.Measurement;

/// <summary>Result of one closed-loop load phase: operations completed in the measured period, their latencies, and failed calls.</summary>
public sealed record LoadResult(long Operations, TimeSpan Elapsed, LatencyHistogram Latency, long Failures = 0, string? FirstFailure = null)
{
    public double OpsPerSecond => Operations / Elapsed.TotalSeconds;

    public LatencySummary Summary => Latency.Summary();

    public double P50Microseconds => Summary.P50Microseconds;

    public double P99Microseconds => Summary.P99Microseconds;

    public double MaxMicroseconds => Summary.MaxMicroseconds;

    /// <summary>"N ops/s  p50 … p99 … max …  (F failed)", for progress lines.</summary>
    public string Describe(string unit, bool milliseconds = false) =>
        FormattableString.Invariant($"{OpsPerSecond,12:N0} {unit}/s  {(milliseconds ? Summary.InMilliseconds() : Summary.InMicroseconds())}")
        + (Failures == 0 ? "" : FormattableString.Invariant($"  ({Failures:N0} failed; first: {FirstFailure})"));
}
