using System.Globalization;

namespace CityActors.LoadTests.Replay;

/// <summary>Where the replay sends its traffic: the silos' grains through a client, or the REST API.</summary>
public enum ReplayVia
{
    Grains,
    Http,
}

/// <summary>
/// Everything a replay run is told on its command line (docs/replay.md lists every option with its default).
/// <c>--short</c> is the CI smoke run: an embedded host, a small synthetic load, a minute at most.
/// </summary>
public sealed record ReplayOptions
{
    public string? CsvPath { get; init; }

    /// <summary>The day synthesized: its year picks the complaint mix.</summary>
    public DateOnly Day { get; init; } = new(2011, 1, 27);

    /// <summary>Requests in the synthesized day (NYC's busiest day on record by default).</summary>
    public int RequestsPerDay { get; init; } = 276_827;

    /// <summary>City seconds per wall second for arrivals.</summary>
    public double Compression { get; init; } = 100;

    /// <summary>City seconds per wall second for SLA limits and the simulated people's delays; null: as <see cref="Compression"/>.</summary>
    public double? LifecycleCompression { get; init; }

    public double StartHour { get; init; }

    /// <summary>Wall seconds of arrivals; null: the whole day (or file) at the compression.</summary>
    public double? Seconds { get; init; }

    /// <summary>Wall seconds over which the synthetic arrival rate grows from zero to the schedule's.</summary>
    public double RampSeconds { get; init; }

    public ReplayVia Via { get; init; } = ReplayVia.Grains;

    /// <summary>Silo processes on PostgreSQL; 0 runs the embedded host in this process.</summary>
    public int Silos { get; init; }

    public int Sensors { get; init; }

    public double SensorIntervalSeconds { get; init; } = 60;

    public double AlarmProbability { get; init; } = 0.0001;

    public double? KillSiloAt { get; init; }

    public double RestartAfter { get; init; } = 10;

    public double? CutDatabaseAt { get; init; }

    public double CutDatabaseFor { get; init; } = 5;

    public double ReturnProbability { get; init; } = 0.03;

    public double ExtensionProbability { get; init; } = 0.05;

    public double InspectionFailProbability { get; init; } = 0.05;

    public double RatingProbability { get; init; } = 0.3;

    /// <summary>A person's delay at a stage, as a fraction of the stage's limit: log-normal with this median…</summary>
    public double DelayMedian { get; init; } = 0.4;

    /// <summary>…and this σ of its logarithm…</summary>
    public double DelaySigma { get; init; } = 0.6;

    /// <summary>…never above this many limits.</summary>
    public double DelayCap { get; init; } = 1.6;

    /// <summary>Wall seconds either side of an SLA point within which the plan cannot say whether the cluster should fire it.</summary>
    public double ToleranceSeconds { get; init; } = 0.1;

    /// <summary>How long after the last arrival the lifecycles may take to finish before the run gives up on them.</summary>
    public double DrainSeconds { get; init; } = 600;

    public int Seed { get; init; } = 27_011_2011;

    public string? OutputDirectory { get; init; }

    public bool Short { get; init; }

    public bool Progress { get; init; } = true;

    public double EffectiveLifecycleCompression => LifecycleCompression ?? Compression;

    /// <summary>
    /// The smoke run, well inside a minute on two busy cores: the embedded host, 6 s of NYC's busiest day from 10:00 at
    /// 5× (about 30 new cases a second), lifecycles at 43,200× (a 1-hour limit is 83 ms, 24 hours 2 s) with delays
    /// capped at 1.3 limits, so the longest case ends about 8 s after its arrival; 200 sensors every second.
    /// </summary>
    public static ReplayOptions ShortRun => new()
    {
        Short = true,
        RequestsPerDay = 276_827,
        Compression = 5,
        LifecycleCompression = 43_200,
        StartHour = 10,
        Seconds = 6,
        Sensors = 200,
        SensorIntervalSeconds = 1,
        AlarmProbability = 0.001,
        DelayCap = 1.3,
        ToleranceSeconds = 0.03,
        DrainSeconds = 10,
    };

    public static string Usage =>
        "replay [--short] [--csv PATH] [--day yyyy-MM-dd] [--requests N] [--compression F] [--lifecycle-compression F] [--start-hour H] "
        + "[--seconds S] [--ramp S] [--via grains|http] [--silos N] [--sensors N] [--sensor-interval S] [--alarm-probability P] [--kill-silo-at S] "
        + "[--restart-after S] [--cut-db-at S] [--cut-db-for S] [--p-return P] [--p-extension P] [--p-inspection-fail P] [--p-rating P] "
        + "[--delay-median F] [--delay-sigma F] [--delay-cap F] [--tolerance S] [--drain S] [--seed N] [--out DIR] [--no-progress]";

    /// <exception cref="ArgumentException">An unknown option, a missing or malformed value, or settings that contradict each other.</exception>
    public static ReplayOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = args.Contains("--short") ? ShortRun : new ReplayOptions();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--short")
            {
                continue;
            }

            if (name is "--no-progress")
            {
                options = options with { Progress = false };
                continue;
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"Option '{name}' is given twice.");
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"Option '{name}' needs a value.");
            }

            var value = args[++i];
            options = name switch
            {
                "--csv" => options with { CsvPath = File.Exists(value) ? Path.GetFullPath(value) : throw new ArgumentException($"--csv: no file '{value}'.") },
                "--day" => options with { Day = DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : throw new ArgumentException($"--day takes yyyy-MM-dd, not '{value}'.") },
                "--requests" => options with { RequestsPerDay = (int)Positive(name, value, whole: true) },
                "--compression" => options with { Compression = Positive(name, value) },
                "--lifecycle-compression" => options with { LifecycleCompression = Positive(name, value) },
                "--start-hour" => options with { StartHour = Between(name, value, 0, 24, inclusiveMax: false) },
                "--seconds" => options with { Seconds = Positive(name, value) },
                "--ramp" => options with { RampSeconds = Between(name, value, 0, 3600, inclusiveMax: true) },
                "--via" => options with { Via = value switch { "grains" => ReplayVia.Grains, "http" => ReplayVia.Http, _ => throw new ArgumentException($"--via takes grains or http, not '{value}'.") } },
                "--silos" => options with { Silos = (int)Between(name, value, 0, 8, inclusiveMax: true, whole: true) },
                "--sensors" => options with { Sensors = (int)Between(name, value, 0, 2_000_000, inclusiveMax: true, whole: true) },
                "--sensor-interval" => options with { SensorIntervalSeconds = Positive(name, value) },
                "--alarm-probability" => options with { AlarmProbability = Probability(name, value) },
                "--kill-silo-at" => options with { KillSiloAt = Positive(name, value) },
                "--restart-after" => options with { RestartAfter = Positive(name, value) },
                "--cut-db-at" => options with { CutDatabaseAt = Positive(name, value) },
                "--cut-db-for" => options with { CutDatabaseFor = Positive(name, value) },
                "--p-return" => options with { ReturnProbability = Probability(name, value) },
                "--p-extension" => options with { ExtensionProbability = Probability(name, value) },
                "--p-inspection-fail" => options with { InspectionFailProbability = Probability(name, value) },
                "--p-rating" => options with { RatingProbability = Probability(name, value) },
                "--delay-median" => options with { DelayMedian = Positive(name, value) },
                "--delay-sigma" => options with { DelaySigma = Between(name, value, 0, 5, inclusiveMax: true) },
                "--delay-cap" => options with { DelayCap = Positive(name, value) },
                "--tolerance" => options with { ToleranceSeconds = Between(name, value, 0, 3600, inclusiveMax: true) },
                "--drain" => options with { DrainSeconds = Positive(name, value) },
                "--seed" => options with { Seed = (int)Between(name, value, 0, int.MaxValue, inclusiveMax: true, whole: true) },
                "--out" => options with { OutputDirectory = Path.GetFullPath(value) },
                _ => throw new ArgumentException($"Unknown option '{name}'. Usage: {Usage}"),
            };
        }

        return options.Validated();
    }

    private ReplayOptions Validated()
    {
        if (Silos == 0 && (KillSiloAt is not null || CutDatabaseAt is not null))
        {
            throw new ArgumentException("--kill-silo-at and --cut-db-at need silo processes on PostgreSQL (--silos 1 or more); the embedded host has neither.");
        }

        if (KillSiloAt is not null && Silos < 2)
        {
            throw new ArgumentException("--kill-silo-at needs --silos 2 or more: with one silo there is no cluster left to serve the cases.");
        }

        if (DelayMedian > DelayCap)
        {
            throw new ArgumentException($"--delay-median ({DelayMedian}) is above --delay-cap ({DelayCap}).");
        }

        return this;
    }

    private static double Parse(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : throw new ArgumentException($"Option '{name}' needs a number, not '{value}'.");

    private static double Positive(string name, string value, bool whole = false)
    {
        var number = Parse(name, value);
        return number > 0 && (!whole || number == Math.Floor(number))
            ? number
            : throw new ArgumentException($"Option '{name}' needs a positive {(whole ? "whole " : "")}number, not '{value}'.");
    }

    private static double Probability(string name, string value) => Between(name, value, 0, 1, inclusiveMax: true);

    private static double Between(string name, string value, double min, double max, bool inclusiveMax, bool whole = false)
    {
        var number = Parse(name, value);
        var fits = number >= min && (inclusiveMax ? number <= max : number < max) && (!whole || number == Math.Floor(number));
        return fits ? number : throw new ArgumentException($"Option '{name}' needs a {(whole ? "whole " : "")}number from {min} to {max}{(inclusiveMax ? "" : " (excluded)")}, not '{value}'.");
    }
}
