using CityActors.LoadTests.Measurement;
using CityActors.LoadTests.Replay.Lifecycle;

namespace CityActors.LoadTests.Replay.Reporting;

/// <summary>Latency percentiles of one operation, in milliseconds, from intended send time.</summary>
public sealed record OperationLatency(string Operation, long Count, double P50, double P95, double P99, double P999, double Max)
{
    public static OperationLatency From(string operation, LatencyHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        return new(operation, histogram.Count, Ms(histogram.Percentile(50)), Ms(histogram.Percentile(95)), Ms(histogram.Percentile(99)), Ms(histogram.Percentile(99.9)), Ms(histogram.MaxNanoseconds));
    }

    private static double Ms(long nanoseconds) => Math.Round(nanoseconds / 1e6, 2);
}

/// <summary>Per stage: the SLA points the plan implies for the completed cases and what their journals recorded.</summary>
public sealed record SlaComparison(string Stage, StageExpectation Expected, StageClocks Observed)
{
    public bool WarnedAsPlanned => Expected.Warned.Admits(Observed.Warned);

    public bool OverdueAsPlanned => Expected.Overdue.Admits(Observed.Overdue);

    public bool CityEscalationsAsPlanned => Expected.EscalatedToCity.Admits(Observed.EscalatedToCity);
}

/// <summary>Everything a replay run found, for the console, the Markdown and JSON files and the last stdout line.</summary>
public sealed record ReplayReport
{
    public required string Command { get; init; }

    public required string Source { get; init; }

    public required string Target { get; init; }

    public required string Machine { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required TimeSpan ArrivalWindow { get; init; }

    public required TimeSpan Elapsed { get; init; }

    public required double Compression { get; init; }

    public required double LifecycleCompression { get; init; }

    public required string LoadAverage { get; init; }

    public long CasesOffered { get; init; }

    public long CasesNotPlanned { get; init; }

    public long CasesReported { get; init; }

    public long CasesCompleted { get; init; }

    public long CasesAbandoned { get; init; }

    public long CommandsOffered { get; init; }

    public long CommandsAcknowledged { get; init; }

    public double OfferedCasesPerSecond { get; init; }

    public double AchievedCasesPerSecond { get; init; }

    public double OfferedCommandsPerSecond { get; init; }

    public double AchievedCommandsPerSecond { get; init; }

    public int Sensors { get; init; }

    public double SensorIntervalSeconds { get; init; }

    public long ReadingsOffered { get; init; }

    public long ReadingsAccepted { get; init; }

    public IReadOnlyDictionary<string, long> ReadingsRefused { get; init; } = new Dictionary<string, long>();

    public double OfferedReadingsPerSecond { get; init; }

    public double AchievedReadingsPerSecond { get; init; }

    public TimeSpan SensorRegistration { get; init; }

    public required IReadOnlyList<OperationLatency> Latencies { get; init; }

    public required IReadOnlyDictionary<string, long> Errors { get; init; }

    /// <summary>The first message of each error kind.</summary>
    public IReadOnlyDictionary<string, string> FirstErrors { get; init; } = new Dictionary<string, string>();

    public required IReadOnlyList<SlaComparison> Sla { get; init; }

    public required OperationLatency DeadlineLateness { get; init; }

    public required ReconciliationResult Reconciliation { get; init; }

    public required IReadOnlyList<(TimeSpan At, string What)> Events { get; init; }

    public required IReadOnlyList<(long Offered, long Achieved, long Items, long Errors, double P50, double P99)> CommandSeconds { get; init; }

    public required IReadOnlyList<(long Offered, long Achieved, long Items, long Errors, double P50, double P99)> SensorSeconds { get; init; }

    public IReadOnlyList<string> Files { get; init; } = [];

    public OperationLatency AllCommands => Latencies.First(l => l.Operation == "all commands");

    public long Lost => Reconciliation.Lost.Count;

    public long Duplicated => Reconciliation.Duplicated.Count;

    /// <summary>The run fails on any lost, duplicated, inconsistent or unreadable case.</summary>
    public bool Passed => Lost == 0 && Duplicated == 0 && Reconciliation.Inconsistent.IsEmpty && Reconciliation.Unreadable.IsEmpty;
}
