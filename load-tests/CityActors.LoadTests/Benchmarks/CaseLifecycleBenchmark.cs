using System.Diagnostics;
using CityActors.Domain.Cases;
using CityActors.Domain.City;
using CityActors.Domain.Package;
using CityActors.GrainInterfaces.Cases;
using CityActors.Grains.Cases;
using CityActors.Grains.PostgreSql;
using CityActors.LoadTests.Measurement;
using CityActors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CityActors.LoadTests.Benchmarks;

/// <summary>
/// Cases of the NYC demo city driven from intake to closure — report (12345 hotline), verify, accept (automatic
/// dispatch), sign for, report handled, inspect — each caller running one case after another. Measured on an embedded
/// silo (memory journal, reminders and read model) and on a one-silo cluster (journal, reminders and read model in
/// PostgreSQL). Baseline: raw Npgsql single-row upserts on the same server at the same concurrency, divided by the
/// durable writes one case needs (6 journal appends and 10 reminder registrations and removals).
/// </summary>
public static class CaseLifecycleBenchmark
{
    public const int DurableWritesPerCase = 16;

    public static async Task<BenchmarkReport> RunAsync(BenchmarkSettings settings, TextWriter log)
    {
        var callers = Math.Min(settings.Callers, 256);
        var city = CityPackageLoader.Load(Path.Combine(GeoLookupBenchmark.RepositoryRoot(), "silo", "CityActors.Silo", "cities", "nyc"));
        var plans = Plans(city);
        log.WriteLine($"case-lifecycle: {city.Name}, {plans.Count:N0} places × single-owner matters, {callers} callers, 6 commands per case, {settings.Warmup.TotalSeconds}s warm-up + {settings.Duration.TotalSeconds}s per phase");

        await using (var embedded = await TestSilo.StartAsync(s => s.AddGrains(typeof(CaseGrain).Assembly).AddCases(), TimeProvider.System, services: s => s.AddSingleton(city)).ConfigureAwait(false))
        {
            var result = await DriveAsync(embedded.Grains, plans, "e", callers, settings).ConfigureAwait(false);
            var lag = await CatchUpAsync(embedded.Services.GetRequiredService<CaseProjector>()).ConfigureAwait(false);
            log.WriteLine($"  embedded:  {result.OpsPerSecond,8:N0} cases/s  p50 {result.P50Microseconds / 1000:N1} ms  p99 {result.P99Microseconds / 1000:N1} ms  ({result.OpsPerSecond * 6:N0} commands/s; read model caught up {lag.TotalMilliseconds:N0} ms after the run)");
        }

        await using var cluster = await TestCluster.StartAsync(1, s => s.AddGrains(typeof(CaseGrain).Assembly).AddCases().UsePostgreSqlCaseViews().Services.AddSingleton(city), new Dictionary<string, string?>
        {
            ["CityActors:Silo:ShardCount"] = "1024",
        }).ConfigureAwait(false);
        await cluster.WaitForStableAsync().ConfigureAwait(false);
        var baseline = await RawUpsertsAsync(cluster.ConnectionString, callers, settings).ConfigureAwait(false);
        var perCase = new LoadResult(baseline.Operations / DurableWritesPerCase, baseline.Elapsed, baseline.Latency);
        log.WriteLine($"  baseline:  {baseline.OpsPerSecond,8:N0} raw upserts/s ÷ {DurableWritesPerCase} writes per case = {perCase.OpsPerSecond:N0} cases/s");

        var clustered = await DriveAsync(cluster.Silos[0].Grains, plans, "c", callers, settings).ConfigureAwait(false);
        var clusteredLag = await CatchUpAsync(cluster.Silos[0].Services.GetRequiredService<CaseProjector>()).ConfigureAwait(false);
        log.WriteLine($"  clustered: {clustered.OpsPerSecond,8:N0} cases/s  p50 {clustered.P50Microseconds / 1000:N1} ms  p99 {clustered.P99Microseconds / 1000:N1} ms  ({clustered.OpsPerSecond * 6:N0} commands/s; read model caught up {clusteredLag.TotalMilliseconds:N0} ms after the run)");
        log.WriteLine($"  ratio clustered / baseline: {clustered.OpsPerSecond / perCase.OpsPerSecond:N2}");
        return BenchmarkReport.From("case-lifecycle", clustered, perCase);
    }

    private sealed record CasePlan(ReportedLocation Location, string Matter, string Street, string Department);

    /// <summary>Grid-cell centres paired with matters whose catalogue rule names a single department there.</summary>
    private static List<CasePlan> Plans(CityModel city)
    {
        var decider = new CaseDecider(city, CaseRules.Default);
        var random = new Random(7);
        var cells = city.Units.Where(u => u.Level == OrgLevel.Grid).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        var plans = new List<CasePlan>();
        foreach (var cell in cells.OrderBy(_ => random.Next()).Take(2000))
        {
            var point = cell.Boundary!.InteriorPoint;
            var place = decider.Locate(ReportedLocation.At(point.X, point.Y));
            var matter = city.Catalogue.Matters[random.Next(city.Catalogue.Matters.Count)];
            if (DispatchPlanner.Plan(city, matter, place).SingleOwner is { } department)
            {
                plans.Add(new CasePlan(ReportedLocation.At(point.X, point.Y), matter.Code, place.StreetCode, department));
            }
        }

        return plans;
    }

    private static readonly string[] Steps = ["report", "verify", "accept", "sign for", "handled", "inspect"];

    /// <summary>Total ticks spent per step (for the per-command breakdown) and cases measured.</summary>
    private static readonly long[] StepTicks = new long[Steps.Length];

    private static string Breakdown(long cases) =>
        string.Join(", ", Steps.Select((name, i) => $"{name} {TimeSpan.FromTicks(Interlocked.Read(ref StepTicks[i]) / Math.Max(1, cases)).TotalMilliseconds:N1}"));

    private static async Task<T> Step<T>(int index, Task<T> call)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await call.ConfigureAwait(false);
        Interlocked.Add(ref StepTicks[index], Stopwatch.GetElapsedTime(started).Ticks);
        return result;
    }

    private static async Task<LoadResult> DriveAsync(IGrainFactory grains, List<CasePlan> plans, string prefix, int callers, BenchmarkSettings settings)
    {
        Array.Clear(StepTicks);
        var hotline = new Actor("hotline-platform", Role.ChannelSystem, "hotline");
        var result = await LoadRun.RunAsync(callers, settings.Warmup, settings.Duration, async (caller, n) =>
        {
            var plan = plans[(int)((caller * 7919L + n) % plans.Count)];
            var externalId = $"{prefix}{caller}-{n}";
            var grain = grains.GetGrain<ICaseGrain>(Channels.CaseIdFor(Channel.Hotline, externalId));
            var centre = new Actor("operator", Role.CentreOperator, plan.Street);
            var clerk = new Actor("clerk", Role.DepartmentClerk, plan.Department);
            await Step(0, grain.Execute(new ReportCase(hotline, new CaseReport(Channel.Hotline, externalId, plan.Matter, "load test", plan.Location)))).ConfigureAwait(false);
            await Step(1, grain.Execute(new VerifyCase(centre))).ConfigureAwait(false);
            var accepted = await Step(2, grain.Execute(new AcceptCase(centre))).ConfigureAwait(false);
            if (accepted.Lead != plan.Department)
            {
                throw new InvalidOperationException($"Case {accepted.Id} went to {accepted.Lead}, not {plan.Department}.");
            }

            await Step(3, grain.Execute(new SignFor(clerk, plan.Department))).ConfigureAwait(false);
            await Step(4, grain.Execute(new ReportHandled(clerk, plan.Department, "done"))).ConfigureAwait(false);
            var closed = await Step(5, grain.Execute(new InspectCase(centre, true))).ConfigureAwait(false);
            if (closed.Status != CaseStatus.Closed)
            {
                throw new InvalidOperationException($"Case {closed.Id} ended {closed.Status}.");
            }
        }).ConfigureAwait(false);
        var started = (long)(result.Operations * ((settings.Warmup + settings.Duration) / settings.Duration));
        Console.WriteLine($"    mean ms per command (all cases started): {Breakdown(started)}");
        return result;
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

    private static async Task<LoadResult> RawUpsertsAsync(string connectionString, int callers, BenchmarkSettings settings)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = Math.Max(callers, 10) };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await using (var create = dataSource.CreateCommand("create table raw_case_upsert (id bigint primary key, data jsonb not null)"))
        {
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return await LoadRun.RunAsync(callers, settings.Warmup, settings.Duration, async (caller, n) =>
        {
            await using var command = dataSource.CreateCommand("insert into raw_case_upsert (id, data) values ($1, $2::jsonb) on conflict (id) do update set data = excluded.data");
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (caller * 100_003L) + n });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "{\"meta\":{\"at\":\"2026-11-16T10:00:00+08:00\",\"by\":{\"id\":\"operator\",\"role\":2}},\"$event\":\"verified\"}" });
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }).ConfigureAwait(false);
    }
}
