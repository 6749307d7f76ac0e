using CityActors.Domain.Cases;
using CityActors.Domain.City;
using CityActors.Domain.Package;
using CityActors.Domain.Sensors;
using CityActors.Grains.Cases;
using CityActors.LoadTests.Benchmarks;
using CityActors.LoadTests.Hosting;
using CityActors.LoadTests.Replay.Lifecycle;
using CityActors.LoadTests.Replay.Reporting;
using CityActors.LoadTests.Replay.Sensors;
using CityActors.LoadTests.Replay.Sources;
using CityActors.LoadTests.Replay.Targets;
using CityActors.LoadTests.Setup;

namespace CityActors.LoadTests.Replay;

/// <summary>
/// One replay, start to finish: writes the compressed city, starts the target, registers the sensor fleet, then sends
/// the arrivals on their schedule (each case's lifecycle driven to its end), the sensor readings, and the chaos events;
/// waits for the lifecycles, reads every acknowledged case back, and writes the report (Markdown, JSON, plots).
/// </summary>
public static class ReplayRun
{
    /// <summary>How long one command may take before it counts as failed (the cluster client's own limit is 30 s).</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long after its intended time a step is retried before its case is abandoned.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public static async Task<ReplayReport> RunAsync(ReplayOptions options, string commandLine, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var root = DemoCity.RepositoryRoot();
        var startedAt = DateTimeOffset.UtcNow;
        var output = options.OutputDirectory ?? Path.Combine(root, "replay-results", startedAt.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(output);
        var scratch = Directory.CreateTempSubdirectory("cityactors-replay-");
        try
        {
            var compressed = CompressedCity.Write(Path.Combine(root, "silo", "CityActors.Silo", "cities", "nyc"), scratch.FullName, options.EffectiveLifecycleCompression);
            await using var cluster = await ReplayCluster.StartAsync(options, compressed, options.CutDatabaseAt is not null, log).ConfigureAwait(false);
            log.WriteLine(FormattableString.Invariant($"  target: {cluster.Description}, started in {(DateTimeOffset.UtcNow - startedAt).TotalSeconds:N1} s"));

            // The embedded silo has loaded the package already (about 7 s of CPU for NYC's grid); silo processes load their own.
            var city = cluster.City ?? CityPackageLoader.Load(compressed.Directory);
            var rules = RulesOf(compressed);
            var (arrivals, source, expected, window) = Source(options, city, root);
            log.WriteLine($"replay: {source}");
            log.WriteLine(FormattableString.Invariant($"  city {city.Name} {city.Version}: every hour working, limits ÷ {compressed.Factor:N0} (e.g. handling 8 h → {TimeSpan.FromHours(8) / compressed.Factor:g}); escalation to district after {rules.DistrictEscalationLimit.Duration:g}, to city after {rules.CityEscalationLimit.Duration:g}"));

            SensorFleet? fleet = null;
            var registration = TimeSpan.Zero;
            if (options.Sensors > 0)
            {
                fleet = SensorFleet.For(city, options.Sensors);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                await cluster.RegisterSensorsAsync(fleet).ConfigureAwait(false);
                registration = clock.Elapsed;
                log.WriteLine(FormattableString.Invariant($"  registered {fleet.Count:N0} sensors in {registration.TotalSeconds:N1} s"));
            }

            // The run's clock starts with the traffic: arrival times, latencies and the plots count from here.
            var metrics = new ReplayMetrics();
            var sensors = fleet is null
                ? null
                : new SensorLoad(fleet, options.SensorIntervalSeconds, new SensorReadingGenerator(options.Seed, options.AlarmProbability), cluster.SendReadingsAsync, metrics);

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var runner = new LifecycleRunner(cluster.Cases, metrics, CallTimeout, Patience);
            var planner = new LifecyclePlanner(city, rules, LifecycleBehaviour.From(options));
            var ledgers = new List<CaseLedger>();
            var lifecycles = new List<Task>();
            long offered = 0, notPlanned = 0;

            var chaos = Chaos(options, cluster, metrics, stop.Token);
            var readings = sensors?.RunAsync(TimeSpan.Zero, window, stop.Token) ?? Task.CompletedTask;
            var sending = Task.Run(async () =>
            {
                var random = new Random(options.Seed);
                foreach (var arrival in arrivals)
                {
                    var wait = arrival.At - metrics.Now;
                    if (wait > TimeSpan.FromMilliseconds(1))
                    {
                        await Task.Delay(wait, stop.Token).ConfigureAwait(false);
                    }

                    Interlocked.Increment(ref offered);
                    if (planner.Plan(arrival, random) is not { } plan)
                    {
                        Interlocked.Increment(ref notPlanned);
                        continue;
                    }

                    var ledger = new CaseLedger(plan);
                    lock (ledgers)
                    {
                        ledgers.Add(ledger);
                        lifecycles.Add(runner.RunAsync(ledger, stop.Token));
                    }
                }
            }, stop.Token);

            var everything = WaitAsync(sending, readings, lifecycles, ledgers, options, metrics, stop, log);
            await ReplayProgress.ShowAsync(metrics, () => Interlocked.Read(ref offered), expected, () => sensors?.Verdicts.Accepted ?? 0, everything, log, options.Progress && !Console.IsOutputRedirected).ConfigureAwait(false);
            await everything.ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            await chaos.ConfigureAwait(false);
            var elapsed = metrics.Now;
            log.WriteLine(FormattableString.Invariant($"  traffic ended after {elapsed.TotalSeconds:N1} s"));

            log.WriteLine(FormattableString.Invariant($"  reading back {ledgers.Count(l => l.Reported):N0} acknowledged cases"));
            var reconciliation = await Reconciliation.RunAsync(cluster.Grains, ledgers, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
            log.WriteLine(FormattableString.Invariant($"  read back in {(metrics.Now - elapsed).TotalSeconds:N1} s"));
            var lateness = await cluster.DeadlineLatenessAsync().ConfigureAwait(false);
            var completed = ledgers.Where(l => l.Completed).ToList();
            var report = Report(options, commandLine, source, cluster.Description, startedAt, window, elapsed, metrics, sensors, registration, ledgers, offered, notPlanned, reconciliation, lateness, completed);
            return await WriteAsync(report, output, log).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                scratch.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A silo process still closing a file of the package: the temporary directory is left to the system.
            }
        }
    }

    private static CaseRules RulesOf(CompressedCity city)
    {
        var settings = city.CaseSettings;
        return new CaseRulesOptions
        {
            DistrictEscalationLimit = settings["CityActors:Cases:DistrictEscalationLimit"],
            CityEscalationLimit = settings["CityActors:Cases:CityEscalationLimit"],
            SupervisionLimit = settings["CityActors:Cases:SupervisionLimit"],
            DuplicateWindow = TimeSpan.Parse(settings["CityActors:Cases:DuplicateWindow"], System.Globalization.CultureInfo.InvariantCulture),
        }.ToRules();
    }

    private static (IEnumerable<CaseArrival> Arrivals, string Description, double Expected, TimeSpan Window) Source(ReplayOptions options, CityModel city, string root)
    {
        if (options.CsvPath is { } csv)
        {
            var file = Nyc311CsvArrivals.Load(csv, city, options.Compression, options.Seed);
            var whole = file.Arrivals.Count == 0 ? TimeSpan.Zero : file.Arrivals[^1].At + TimeSpan.FromMilliseconds(1);
            var window = options.Seconds is { } s ? TimeSpan.FromSeconds(s) : whole;
            var arrivals = file.Arrivals.Where(a => a.At < window).ToList();
            var skipped = file.Skipped.Count == 0 ? "none" : string.Join(", ", file.Skipped.Select(k => $"{k.Value:N0} {k.Key}"));
            return (arrivals, FormattableString.Invariant($"{csv}: {file.Rows:N0} rows, {file.Arrivals.Count:N0} usable (left out: {skipped}), spanning {file.CitySpan.TotalDays:N1} days, at {options.Compression:N0}× → {arrivals.Count:N0} cases in {window.TotalSeconds:N0} s"), arrivals.Count, window);
        }

        var data = Path.Combine(root, "data", "nyc");
        var mix = ComplaintMix.Load(Path.Combine(data, "nyc311-complaints-by-community-board.csv"), city, options.Day.Year);
        var channels = ChannelMix.Load(Path.Combine(data, "nyc311-1m-field-frequencies.csv"));
        var seconds = options.Seconds ?? ((24 - options.StartHour) * 3600 / options.Compression);
        var synthetic = new SyntheticArrivals(mix, channels, new PlaceSampler(city), options.RequestsPerDay, options.Compression, options.StartHour, TimeSpan.FromSeconds(seconds), options.Seed, TimeSpan.FromSeconds(options.RampSeconds));
        var expected = synthetic.ExpectedCount();
        return (synthetic.Generate(), FormattableString.Invariant(
            $"synthetic {options.Day:yyyy-MM-dd} ({options.RequestsPerDay:N0} requests/day; {mix.Year} complaint mix: {mix.Pairs:N0} district × matter pairs covering {mix.CoveredShare:P0} of that year's counted requests; channels {string.Join(", ", channels.Shares.Select(c => $"{c.Key} {c.Value:P0}"))}) from {options.StartHour:00.##} h for {seconds:N0} s at {options.Compression:N0}×{(options.RampSeconds > 0 ? $" (rate ramped up over the first {options.RampSeconds:N0} s)" : "")}: about {expected:N0} cases, peak {synthetic.PeakRatePerWallSecond:N0}/s"),
            expected, TimeSpan.FromSeconds(seconds));
    }

    private static async Task Chaos(ReplayOptions options, ReplayCluster cluster, ReplayMetrics metrics, CancellationToken stop)
    {
        try
        {
            var tasks = new List<Task>();
            if (options.KillSiloAt is { } killAt)
            {
                tasks.Add(Task.Run(async () =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(killAt), stop).ConfigureAwait(false);
                    var slot = await cluster.KillSiloAsync().ConfigureAwait(false);
                    metrics.Mark($"silo {slot} killed (SIGKILL)");
                    await Task.Delay(TimeSpan.FromSeconds(options.RestartAfter), stop).ConfigureAwait(false);
                    metrics.Mark($"silo {slot} restarting");
                    var took = await cluster.RestartSiloAsync(slot).ConfigureAwait(false);
                    metrics.Mark(FormattableString.Invariant($"silo {slot} Active again ({took.TotalSeconds:N1} s after its restart)"));
                }, stop));
            }

            if (options.CutDatabaseAt is { } cutAt)
            {
                tasks.Add(Task.Run(async () =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(cutAt), stop).ConfigureAwait(false);
                    await cluster.CutDatabaseAsync(TimeSpan.FromSeconds(options.CutDatabaseFor)).ConfigureAwait(false);
                    metrics.Mark(FormattableString.Invariant($"database connections cut for {options.CutDatabaseFor:N0} s"));
                }, stop));
            }

            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run ended before the chaos event was due.
        }
    }

    // The arrivals and readings end with the window; the lifecycles are given the drain time after their planned end.
    private static async Task WaitAsync(Task sending, Task readings, List<Task> lifecycles, List<CaseLedger> ledgers, ReplayOptions options, ReplayMetrics metrics, CancellationTokenSource stop, TextWriter log)
    {
        await sending.ConfigureAwait(false);
        metrics.Mark("last arrival sent");
        Task[] all;
        TimeSpan lastPlanned;
        lock (ledgers)
        {
            all = [.. lifecycles];
            lastPlanned = ledgers.Count == 0 ? TimeSpan.Zero : ledgers.Max(l => l.Plan.Arrival.At + l.Plan.Duration);
        }

        var deadline = lastPlanned + TimeSpan.FromSeconds(options.DrainSeconds) - metrics.Now;
        var finished = await Task.WhenAny(Task.WhenAll(all), Task.Delay(deadline > TimeSpan.Zero ? deadline : TimeSpan.Zero)).ConfigureAwait(false);
        if (!all.All(t => t.IsCompleted))
        {
            log.WriteLine(FormattableString.Invariant($"  lifecycles still running {options.DrainSeconds:N0} s after the last planned step: stopping them (counted as abandoned)"));
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(all).ConfigureAwait(false);
        }

        _ = finished;
        await readings.ConfigureAwait(false);
    }

    private static ReplayReport Report(
        ReplayOptions options, string commandLine, string source, string target, DateTimeOffset startedAt, TimeSpan window, TimeSpan elapsed,
        ReplayMetrics metrics, SensorLoad? sensors, TimeSpan registration, List<CaseLedger> ledgers, long offered, long notPlanned,
        ReconciliationResult reconciliation, CityActors.LoadTests.Measurement.LatencyHistogram lateness, List<CaseLedger> completed)
    {
        var operations = StepKinds.All.Select(k => k.Name()).ToList();
        var latencies = metrics.Latencies(operations);
        var reportAcks = ledgers.Count(l => l.Reported);
        var commandSeconds = metrics.Commands.Snapshot();
        var expectations = SlaExpectation.Of(completed, TimeSpan.FromSeconds(options.ToleranceSeconds));
        var observed = reconciliation.Clocks.Stages;
        var windowSeconds = Math.Max(1e-9, window.TotalSeconds);
        var readingsAccepted = sensors?.Verdicts.Accepted ?? 0;
        return new ReplayReport
        {
            Command = commandLine,
            Source = source,
            Target = target,
            Machine = MachineDescription.Current().Replace("machine: ", "", StringComparison.Ordinal),
            LoadAverage = MachineDescription.LoadAverage(),
            StartedAt = startedAt,
            ArrivalWindow = window,
            Elapsed = elapsed,
            Compression = options.Compression,
            LifecycleCompression = options.EffectiveLifecycleCompression,
            CasesOffered = offered,
            CasesNotPlanned = notPlanned,
            CasesReported = reportAcks,
            CasesCompleted = completed.Count,
            CasesAbandoned = ledgers.Count(l => l.Abandoned),
            CommandsOffered = commandSeconds.Sum(s => s.Offered),
            CommandsAcknowledged = commandSeconds.Sum(s => s.Achieved),
            OfferedCasesPerSecond = offered / windowSeconds,
            AchievedCasesPerSecond = reportAcks / Math.Max(windowSeconds, metrics.LastSuccess(StepKind.Report.Name()).TotalSeconds),
            OfferedCommandsPerSecond = commandSeconds.Sum(s => s.Offered) / Math.Max(1, elapsed.TotalSeconds),
            AchievedCommandsPerSecond = commandSeconds.Sum(s => s.Achieved) / Math.Max(1, elapsed.TotalSeconds),
            Sensors = options.Sensors,
            SensorIntervalSeconds = options.SensorIntervalSeconds,
            SensorRegistration = registration,
            ReadingsOffered = sensors?.Offered ?? 0,
            ReadingsAccepted = readingsAccepted,
            ReadingsRefused = sensors?.Verdicts.Refused ?? new Dictionary<string, long>(),
            OfferedReadingsPerSecond = (sensors?.Offered ?? 0) / windowSeconds,
            AchievedReadingsPerSecond = readingsAccepted / windowSeconds,
            Latencies = [.. latencies.Select(l => OperationLatency.From(l.Key, l.Value))],
            Errors = metrics.Errors,
            FirstErrors = metrics.FirstErrors,
            Sla = [.. expectations.Select(e => new SlaComparison(e.Key, e.Value, observed.GetValueOrDefault(e.Key) ?? new StageClocks()))],
            DeadlineLateness = OperationLatency.From("SLA point lateness", lateness),
            Reconciliation = reconciliation,
            Events = metrics.Events,
            CommandSeconds = commandSeconds,
            SensorSeconds = metrics.SensorBatches.Snapshot(),
        };
    }

    private static async Task<ReplayReport> WriteAsync(ReplayReport report, string output, TextWriter log)
    {
        var files = new List<string>();
        try
        {
            files.AddRange(ReplayPlots.Write(report, output));
        }
#pragma warning disable CA1031 // A plot that cannot be drawn (no native graphics library) must not cost the run its report.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            log.WriteLine($"  plots not drawn: {ex.GetType().Name}: {ex.Message}");
        }

        report = report with { Files = files };
        var json = Path.Combine(output, "replay.json");
        var markdown = Path.Combine(output, "replay.md");
        await File.WriteAllTextAsync(json, ReplayReportWriter.FullJson(report)).ConfigureAwait(false);
        await File.WriteAllTextAsync(markdown, ReplayReportWriter.Markdown(report)).ConfigureAwait(false);
        return report with { Files = [markdown, json, .. files] };
    }
}
