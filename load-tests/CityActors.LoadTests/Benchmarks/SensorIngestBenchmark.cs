using CityActors.Api.Security;
using CityActors.Domain.Cases;
using CityActors.Domain.Sensors;
using CityActors.GrainInterfaces.Sensors;
using CityActors.Grains.Sensors;
using CityActors.LoadTests.Failover;
using CityActors.LoadTests.Hosting;
using CityActors.LoadTests.Measurement;
using CityActors.LoadTests.Setup;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.LoadTests.Benchmarks;

/// <summary>
/// Sensor readings into sensor grains, in batches, from many closed-loop senders, each batch one call of the ingest
/// grain (which fans it out to the sensors): on an embedded silo through its grain factory, through
/// <c>POST /api/v1/sensors/readings</c> of the embedded API host, through a cluster client on two silo processes on
/// PostgreSQL, and through the API host as a cluster client of two such silos (<c>--phases</c> picks some). Every reading's verdict is counted; all must be accepted.
/// Baseline, same run: local grain calls (<see cref="LocalCallsBenchmark"/>) at the same concurrency on as many grains.
/// </summary>
public static class SensorIngestBenchmark
{
    public const int DefaultSenders = 16;
    /// <summary>
    /// Enough that each sender owns more sensors than a batch holds (16 × 500), so every reading is a call of its own
    /// sensor grain; registering more takes minutes in the clustered phase (about 140 a second, see the docs).
    /// </summary>
    public const int DefaultSensors = 10_000;
    public const int DefaultBatch = 500;
    public static readonly IReadOnlyList<string> Phases = ["embedded", "http", "clustered", "http-clustered"];

    /// <summary>The readings API's limit of sensors per bulk registration.</summary>
    private const int RegistrationsPerRequest = 1000;
    private const int RegistrationConcurrency = 64;
    private const int RegistrationRequestConcurrency = 4;
    private static readonly Actor Registrar = new("bench", Role.System);

    public static async Task<BenchmarkReport> RunAsync(BenchmarkSettings settings, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var phases = settings.Phases ?? Phases;
        if (phases.Count == 0 || phases.FirstOrDefault(p => !Phases.Contains(p)) is { } unknown)
        {
            throw new ArgumentException($"{BenchmarkSettings.PhasesOption} takes some of {string.Join(",", Phases)}; '{string.Join(",", phases)}' is not that.");
        }

        var shape = new SensorIngestShape(
            settings.Callers ?? DefaultSenders,
            settings.Batch ?? DefaultBatch,
            settings.WarmupOr(3),
            settings.DurationOr(10),
            (settings.ExcursionsPerMillion ?? 0) / 1e6);
        if (shape.BatchSize > SensorIngestGrain.MaxBatch)
        {
            throw new ArgumentException($"--batch is at most {SensorIngestGrain.MaxBatch:N0} (the ingest grain's limit per call), not {shape.BatchSize:N0}.");
        }

        var fleet = SensorFleet.For(DemoCity.Nyc, settings.Sensors ?? DefaultSensors);
        log.WriteLine(FormattableString.Invariant(
            $"sensor-ingest: {fleet.Count:N0} sensors ({string.Join(", ", fleet.Kinds.Select(k => k.Indicator()))}), {shape.Senders:N0} senders, batches of {shape.BatchSize:N0}, ")
            + FormattableString.Invariant($"excursion probability {shape.ExcursionProbability}, phases {string.Join(",", phases)}, {shape.Warmup.TotalSeconds}s warm-up + {shape.Duration.TotalSeconds}s per phase"));

        LoadResult baseline;
        await using (var silo = await BenchmarkSilo.StartAsync(connectionString: null).ConfigureAwait(false))
        {
            baseline = await LocalCallsBenchmark.MeasureGrainCallsAsync(silo.Grains, shape.Senders, fleet.Count, shape.Warmup, shape.Duration).ConfigureAwait(false);
        }

        log.WriteLine($"  baseline (local grain calls, {shape.Senders:N0} callers, {fleet.Count:N0} grains): {baseline.Describe("calls")}");

        var results = new List<SensorPhaseResult>();
        foreach (var phase in Phases.Where(phases.Contains))
        {
            var result = phase switch
            {
                "embedded" => await EmbeddedAsync(fleet, shape, log).ConfigureAwait(false),
                "http" => await OverHttpAsync(fleet, shape, log).ConfigureAwait(false),
                "clustered" => await ClusteredAsync(fleet, shape, log).ConfigureAwait(false),
                _ => await OverHttpToClusterAsync(fleet, shape, log).ConfigureAwait(false),
            };
            log.WriteLine($"    ratio readings/s ÷ local calls/s: {result.ReadingsPerSecond / baseline.OpsPerSecond:N2}");
            results.Add(result);
        }

        return SensorIngestReport.From(results, baseline, shape, fleet.Count);
    }

    private static async Task<SensorPhaseResult> EmbeddedAsync(SensorFleet fleet, SensorIngestShape shape, TextWriter log)
    {
        await using var silo = await BenchmarkSilo.StartAsync(connectionString: null).ConfigureAwait(false);
        return await ThroughGrainsAsync("embedded", silo.Grains, fleet, shape, log).ConfigureAwait(false);
    }

    private static async Task<SensorPhaseResult> ClusteredAsync(SensorFleet fleet, SensorIngestShape shape, TextWriter log)
    {
        log.WriteLine("  clustered: building the silo executable, starting PostgreSQL and 2 silo processes");
        await using var cluster = await FailoverCluster.StartAsync(2).ConfigureAwait(false);
        return await ThroughGrainsAsync("clustered", cluster.Grains, fleet, shape, log).ConfigureAwait(false);
    }

    private static Task<SensorPhaseResult> ThroughGrainsAsync(string name, IGrainFactory grains, SensorFleet fleet, SensorIngestShape shape, TextWriter log)
    {
        var ingest = grains.GetGrain<ISensorIngestGrain>(0);
        return SensorIngestPhase.RunAsync(
            name,
            fleet,
            shape,
            () => FixedCountRun.RunAsync(fleet.Count, RegistrationConcurrency, i =>
                grains.GetGrain<ISensorGrain>(fleet.Registrations[i].Id).Register(Registrar, fleet.Registrations[i])),
            async (batch, verdicts) => verdicts.Add(await ingest.Ingest(batch).ConfigureAwait(false), batch.Length),
            log);
    }

    private static async Task<SensorPhaseResult> OverHttpAsync(SensorFleet fleet, SensorIngestShape shape, TextWriter log)
    {
        await using var host = await EmbeddedApiHost.StartAsync().ConfigureAwait(false);
        return await OverHttpAsync("http", host, fleet, shape, log).ConfigureAwait(false);
    }

    private static async Task<SensorPhaseResult> OverHttpToClusterAsync(SensorFleet fleet, SensorIngestShape shape, TextWriter log)
    {
        log.WriteLine("  http-clustered: building the silo executable, starting PostgreSQL, 2 silo processes and the API host as their cluster client");
        await using var cluster = await FailoverCluster.StartAsync(2).ConfigureAwait(false);
        await using var host = await EmbeddedApiHost.StartClusterClientAsync([.. cluster.Silos.Select(s => s.GatewayPort)]).ConfigureAwait(false);
        return await OverHttpAsync("http-clustered", host, fleet, shape, log).ConfigureAwait(false);
    }

    private static async Task<SensorPhaseResult> OverHttpAsync(string name, EmbeddedApiHost host, SensorFleet fleet, SensorIngestShape shape, TextWriter log)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = shape.Senders, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(host.Url), Timeout = TimeSpan.FromSeconds(60) };
        var token = host.Services.GetRequiredService<ApiTokens>().Issue(SensorCasePolicy.Platform, DateTimeOffset.UtcNow, TimeSpan.FromHours(2));
        var platform = new HttpSensorPlatform(http, token);
        var requests = fleet.Registrations.Chunk(RegistrationsPerRequest).ToList();
        return await SensorIngestPhase.RunAsync(
            name,
            fleet,
            shape,
            async () =>
            {
                // Timed per bulk request, counted per sensor as the other phases count them: a failed request fails all its sensors.
                long failedSensors = 0;
                var byRequest = await FixedCountRun.RunAsync(requests.Count, RegistrationRequestConcurrency, async i =>
                {
                    try
                    {
                        await platform.RegisterAsync(requests[i]).ConfigureAwait(false);
                    }
                    catch
                    {
                        Interlocked.Add(ref failedSensors, requests[i].Length);
                        throw;
                    }
                }).ConfigureAwait(false);
                return byRequest with { Operations = fleet.Count - failedSensors, Failures = failedSensors };
            },
            platform.SendAsync,
            log).ConfigureAwait(false);
    }
}
