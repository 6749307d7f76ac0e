using CityActors.LoadTests.Measurement;

namespace CityActors.LoadTests.Benchmarks;

/// <summary>
/// The JSON line of sensor-ingest: the first phase run (embedded unless left out) as the main figure in readings/s
/// with its batch latencies, against local grain calls/s, and every phase's figures under its name.
/// </summary>
internal static class SensorIngestReport
{
    public static BenchmarkReport From(IReadOnlyList<SensorPhaseResult> phases, LoadResult baseline, SensorIngestShape shape, int sensors)
    {
        var main = phases[0];
        var extra = new List<KeyValuePair<string, double>>
        {
            new("senders", shape.Senders),
            new("batch", shape.BatchSize),
            new("sensors", sensors),
            new("excursion_probability", shape.ExcursionProbability),
            new("baseline_p99_us", Math.Round(baseline.P99Microseconds, 1)),
            new("baseline_failures", baseline.Failures),
        };
        foreach (var phase in phases)
        {
            var batches = phase.Batches.Summary;
            var key = phase.Name.Replace('-', '_');
            extra.Add(new($"{key}_readings_per_s", Math.Round(phase.ReadingsPerSecond)));
            extra.Add(new($"{key}_batches_per_s", Math.Round(phase.Batches.OpsPerSecond, 1)));
            extra.Add(new($"{key}_ratio", Math.Round(phase.ReadingsPerSecond / baseline.OpsPerSecond, 3)));
            extra.Add(new($"{key}_p50_us", Math.Round(batches.P50Microseconds, 1)));
            extra.Add(new($"{key}_p99_us", Math.Round(batches.P99Microseconds, 1)));
            extra.Add(new($"{key}_max_us", Math.Round(batches.MaxMicroseconds, 1)));
            extra.Add(new($"{key}_accepted", phase.Verdicts.Accepted));
            extra.Add(new($"{key}_rejected", phase.Verdicts.Rejected));
            extra.Add(new($"{key}_unavailable", phase.Verdicts.UnavailableCount));
            extra.Add(new($"{key}_failed_batches", phase.FailedBatches));
            extra.Add(new($"{key}_registration_failures", phase.Registration.Failures));
            extra.Add(new($"{key}_registrations_per_s", Math.Round(phase.Registration.OpsPerSecond)));
        }

        return new BenchmarkReport("sensor-ingest", main.ReadingsPerSecond, baseline.OpsPerSecond, main.Batches.P50Microseconds, main.Batches.P99Microseconds)
        {
            MaxMicroseconds = main.Batches.MaxMicroseconds,
            Extra = extra,
        };
    }
}
