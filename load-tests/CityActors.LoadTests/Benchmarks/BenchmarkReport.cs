using System.Globalization;
using System.Text.Json;
using CityActors.LoadTests.Measurement;

namespace CityActors.LoadTests.Benchmarks;

/// <summary>The one-line JSON every benchmark prints last.</summary>
public sealed record BenchmarkReport(string Bench, double OpsPerSecond, double BaselineOpsPerSecond, double P50Microseconds, double P99Microseconds)
{
    public double Ratio => BaselineOpsPerSecond == 0 ? 0 : OpsPerSecond / BaselineOpsPerSecond;

    public static BenchmarkReport From(string bench, LoadResult measured, LoadResult baseline) =>
        new(bench, measured.OpsPerSecond, baseline.OpsPerSecond, measured.P50Microseconds, measured.P99Microseconds);

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
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Bench}: {OpsPerSecond:N0}/s ({Ratio:P0} of baseline)");
}
