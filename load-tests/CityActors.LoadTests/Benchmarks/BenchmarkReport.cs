using System.Globalization;
using System.Text.Json;
using CityActors.LoadTests.Measurement;

namespace CityActors.LoadTests.Benchmarks;

/// <summary>
/// The one-line JSON every benchmark prints last: its throughput, the baseline's from the same run, their ratio, the
/// latency percentiles (p50 ≤ p99 ≤ max), and any further figures the benchmark names in <see cref="Extra"/>.
/// </summary>
public sealed record BenchmarkReport(string Bench, double OpsPerSecond, double BaselineOpsPerSecond, double P50Microseconds, double P99Microseconds)
{
    /// <summary>The largest latency measured, in microseconds (null when the benchmark has none to report).</summary>
    public double? MaxMicroseconds { get; init; }

    /// <summary>Further figures by JSON name (other caller counts, other baselines, failure counts...), in insertion order.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Extra { get; init; } = [];

    public double Ratio => BaselineOpsPerSecond == 0 ? 0 : OpsPerSecond / BaselineOpsPerSecond;

    public static BenchmarkReport From(string bench, LoadResult measured, LoadResult baseline)
    {
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(baseline);
        return new BenchmarkReport(bench, measured.OpsPerSecond, baseline.OpsPerSecond, measured.P50Microseconds, measured.P99Microseconds)
        {
            MaxMicroseconds = measured.MaxMicroseconds,
        };
    }

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("bench", Bench);
            writer.WriteNumber("ops_per_s", Math.Round(OpsPerSecond));
            writer.WriteNumber("baseline_ops_per_s", Math.Round(BaselineOpsPerSecond));
            writer.WriteNumber("ratio", Math.Round(Ratio, 3));
            writer.WriteNumber("p50_us", Math.Round(P50Microseconds, 1));
            writer.WriteNumber("p99_us", Math.Round(P99Microseconds, 1));
            if (MaxMicroseconds is { } max)
            {
                writer.WriteNumber("max_us", Math.Round(max, 1));
            }

            foreach (var (name, value) in Extra)
            {
                writer.WriteNumber(name, Math.Round(value, 3));
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Bench}: {OpsPerSecond:N0}/s ({Ratio:N2} × baseline)");
}
