using System.Diagnostics;
using CityActors.Deadlines;
using CityActors.Grains.Cases;
using CityActors.Grains.Sensors;
using CityActors.Journals;
using CityActors.LoadTests.Baselines;
using CityActors.LoadTests.Hosting;
using CityActors.LoadTests.Measurement;
using CityActors.LoadTests.Profiling;
using CityActors.LoadTests.Setup;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.LoadTests.Benchmarks;

/// <summary>
/// Cases of the NYC demo city driven from intake to closure (six commands each, see <see cref="CaseLifecycleDriver"/>)
/// by 64 callers, on an embedded silo (in-memory journal, deadlines and read model) and on a one-silo cluster on
/// PostgreSQL (<c>--mode</c> picks one). Reports commands/s, cases/s and per-command latency, and where the durable
/// work of a command goes (journal and deadline calls as the case grain sees them). Baseline, clustered only: the
/// commands' commits recorded during the clustered run replayed as raw statements, one per command
/// (<see cref="RawCommitReplayBaseline"/>), at the same concurrency. For comparison with runs before it, the earlier
/// baseline of one journal row and one deadline upsert per command (<see cref="RawCommandWriteBaseline"/>) runs too.
/// </summary>
public static class CaseLifecycleBenchmark
{
    public const int DefaultCallers = 64;

    // Real events replayed by the single-row baseline.
    private const int SampledEvents = 3000;

    // Cases whose commits the baseline replays (about 3,000 commands).
    private const int RecordedCases = 500;

    // Long enough for the silo's code to reach its optimized (tier-1) JIT versions, as in a silo that has been running:
    // after 3 s much of the command path still ran its first, unoptimized compilation (1,000–1,300 commands/s clustered,
    // 1,700 after 20 s; docs/benchmarks.md). With dynamic PGO (the runtime's default, as the silo runs) a saturated
    // silo still ran instrumented code after 20 s: 3,300 commands/s then, 4,400–4,600 after 60–90 s, as with PGO off
    // after 20 s. The baselines warm up as long.
    private const int DefaultWarmupSeconds = 60;

    public static async Task<BenchmarkReport> RunAsync(BenchmarkSettings settings, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var callers = settings.Callers ?? DefaultCallers;
        var warmup = settings.WarmupOr(DefaultWarmupSeconds);
        var duration = settings.DurationOr(10);
        var plans = CasePlan.For(DemoCity.Nyc);
        log.WriteLine($"case-lifecycle: {DemoCity.Nyc.Name}, {plans.Count:N0} places with single-owner matters, {callers:N0} callers, "
            + $"{CaseLifecycleDriver.Commands.Count} commands per case, {warmup.TotalSeconds}s warm-up + {duration.TotalSeconds}s per phase");

        ModeResult? embedded = null;
        if (settings.Mode is null or "embedded")
        {
            embedded = await RunModeAsync("embedded", null, plans, callers, warmup, duration, log).ConfigureAwait(false);
        }

        if (settings.Mode == "embedded")
        {
            return Report(embedded!, baseline: null, embedded: null, callers);
        }

        await using var database = await BenchmarkDatabase.StartAsync().ConfigureAwait(false);
        var cluster = await database.CreateAsync("cases").ConfigureAwait(false);
        var commits = new RecordedCommits(RecordedCases);
        var clustered = await RunModeAsync("clustered", cluster, plans, callers, warmup, duration, log, commits).ConfigureAwait(false);
        var recorded = commits.Cases();
        await BenchmarkDatabase.VacuumAsync(cluster).ConfigureAwait(false);
        var baseline = await RawCommitReplayBaseline.RunAsync(cluster, recorded, new DeadlineOptions().ShardCount, callers, warmup, duration).ConfigureAwait(false);
        log.WriteLine($"  baseline (each command's recorded commit, its journal records and deadline changes in one statement; {recorded.Count:N0} cases, "
            + $"{recorded.Sum(c => c.Count):N0} commits, {recorded.Sum(c => c.Sum(x => x.Records.Count)):N0} records, {recorded.Sum(c => c.Sum(x => x.DeadlineChanges.Count)):N0} deadline changes replayed):");
        log.WriteLine($"    {baseline.Describe("commands", milliseconds: true)}");
        var events = await RawCommandWriteBaseline.SampleEventsAsync(cluster, CaseJournal.GrainType, SampledEvents).ConfigureAwait(false);
        await BenchmarkDatabase.VacuumAsync(cluster).ConfigureAwait(false);
        var singleRow = await RawCommandWriteBaseline.RunAsync(cluster, events, new DeadlineOptions().ShardCount, callers, warmup, duration).ConfigureAwait(false);
        log.WriteLine($"  single-row baseline (one journal row + one deadline upsert per command, {events.Count:N0} real events replayed; the baseline of runs before 2026-12-01 07:20):");
        log.WriteLine($"    {singleRow.Describe("commands", milliseconds: true)}");
        log.WriteLine($"  ratio clustered / baseline: {clustered.CommandsPerSecond / baseline.OpsPerSecond:N2}; clustered / single-row baseline: {clustered.CommandsPerSecond / singleRow.OpsPerSecond:N2}");
        return Report(clustered, baseline, embedded, callers, singleRow);
    }

    private static async Task<ModeResult> RunModeAsync(
        string mode, string? connectionString, IReadOnlyList<CasePlan> plans, int callers, TimeSpan warmup, TimeSpan duration, TextWriter log,
        RecordedCommits? commits = null)
    {
        using var profile = new DurableWriteProfile();
        await using var silo = await BenchmarkSilo.StartAsync(connectionString, s =>
        {
            s.Services.Decorate<IEventJournal>((journal, _) => new TimedEventJournal(journal, profile));
            s.Services.Decorate<IDeadlines>((deadlines, _) => new TimedDeadlines(deadlines, profile));
            s.Services.Decorate<IJournalWithDeadlines>((appends, _) => new TimedJournalWithDeadlines(appends, profile, commits));
        }).ConfigureAwait(false);

        // The silo registers the city's sensor fleet in the background at every start; the first start on an empty
        // database stores every sensor. That is set-up, not case traffic: a silo in service has its fleet stored
        // and re-registering it stores nothing, so the cases run once the fleet is in.
        var fleet = Stopwatch.StartNew();
        await silo.Services.GetRequiredService<FleetRegistration>().Registered.ConfigureAwait(false);
        log.WriteLine($"  {mode}: the city's sensor fleet registered {fleet.Elapsed.TotalSeconds:N1} s after the silo started");
        using var driver = new CaseLifecycleDriver(silo.Grains, plans, mode[..1]);
        var cases = await LoadRun.RunAsync(callers, warmup, duration, driver.DriveAsync).ConfigureAwait(false);
        var (byCommand, all) = driver.Latencies();
        var result = new ModeResult(mode, cases, all.Count / cases.Elapsed.TotalSeconds, all.Summary(), byCommand.Select(h => h.Summary()).ToList(), profile.Summarize());
        var lag = await CatchUpAsync(silo.Services.GetRequiredService<CaseProjector>()).ConfigureAwait(false);

        log.WriteLine($"  {mode}: {result.CommandsPerSecond,8:N0} commands/s, {cases.OpsPerSecond:N0} cases/s; per command {result.PerCommand.InMilliseconds()}"
            + (cases.Failures == 0 ? "" : $"; {cases.Failures:N0} cases failed, first: {cases.FirstFailure}"));
        for (var i = 0; i < byCommand.Count; i++)
        {
            log.WriteLine($"    {CaseLifecycleDriver.Commands[i],-9} {result.ByCommand[i].InMilliseconds()}");
        }

        var appends = Math.Max(1, result.Profile.First(p => p.Kind == "command commit").Calls);
        log.WriteLine("    durable work as the case grain sees it (whole run, warm-up included; calls per commit ≈ per command):");
        foreach (var (kind, calls, mean, p99) in result.Profile.Where(p => p.Calls > 0))
        {
            log.WriteLine(FormattableString.Invariant($"      {kind,-15} {calls,9:N0} calls ({(double)calls / appends:N2} per commit)  mean {mean / 1e3:N2} ms  p99 {p99 / 1e3:N2} ms"));
        }

        log.WriteLine($"    read model caught up {lag.TotalMilliseconds:N0} ms after the load stopped");
        return result with { CatchUp = lag };
    }

    /// <summary>How long the read model takes to absorb what is still unprojected when the load stops.</summary>
    private static async Task<TimeSpan> CatchUpAsync(CaseProjector projector)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await projector.CatchUpAsync().ConfigureAwait(false);
                return watch.Elapsed;
            }
            catch (ProjectionConflictException)
            {
                // The silo's own projection service committed the batch first; continue from its checkpoint.
            }
        }
    }

    private static BenchmarkReport Report(ModeResult main, LoadResult? baseline, ModeResult? embedded, int callers, LoadResult? singleRow = null)
    {
        var extra = new List<KeyValuePair<string, double>>
        {
            new("clustered", main.Mode == "clustered" ? 1 : 0),
            new("cases_per_s", Math.Round(main.Cases.OpsPerSecond, 1)),
            new("callers", callers),
        };
        for (var i = 0; i < main.ByCommand.Count; i++)
        {
            extra.Add(new($"{CaseLifecycleDriver.Commands[i].Replace(' ', '_')}_p99_us", Math.Round(main.ByCommand[i].P99Microseconds, 1)));
        }

        foreach (var (kind, calls, mean, _) in main.Profile.Where(p => p.Calls > 0))
        {
            extra.Add(new($"{kind.Replace(' ', '_')}_mean_us", Math.Round(mean, 1)));
        }

        extra.Add(new("read_model_catch_up_ms", Math.Round(main.CatchUp.TotalMilliseconds)));
        if (embedded is not null)
        {
            extra.Add(new("embedded_ops_per_s", Math.Round(embedded.CommandsPerSecond)));
            extra.Add(new("embedded_p50_us", Math.Round(embedded.PerCommand.P50Microseconds, 1)));
            extra.Add(new("embedded_p99_us", Math.Round(embedded.PerCommand.P99Microseconds, 1)));
        }

        if (singleRow is not null)
        {
            extra.Add(new("single_row_baseline_ops_per_s", Math.Round(singleRow.OpsPerSecond)));
        }

        extra.Add(new("failures", main.Cases.Failures + (baseline?.Failures ?? 0) + (singleRow?.Failures ?? 0) + (embedded?.Cases.Failures ?? 0)));
        return new BenchmarkReport("case-lifecycle", main.CommandsPerSecond, baseline?.OpsPerSecond ?? 0, main.PerCommand.P50Microseconds, main.PerCommand.P99Microseconds)
        {
            MaxMicroseconds = main.PerCommand.MaxMicroseconds,
            Extra = extra,
        };
    }

    private sealed record ModeResult(
        string Mode,
        LoadResult Cases,
        double CommandsPerSecond,
        LatencySummary PerCommand,
        IReadOnlyList<LatencySummary> ByCommand,
        IReadOnlyList<(string Kind, long Calls, double MeanMicroseconds, double P99Microseconds)> Profile)
    {
        public TimeSpan CatchUp { get; init; }
    }
}
