using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using CityActors.Api.Security;
using CityActors.Domain.Cases;
using CityActors.Domain.Sensors;
using CityActors.GrainInterfaces.Sensors;
using CityActors.Grains.Sensors;
using CityActors.LoadTests.Failover;
using CityActors.LoadTests.Hosting;
using CityActors.LoadTests.Measurement;
using CityActors.LoadTests.Replay.Chaos;
using CityActors.LoadTests.Setup;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CityActors.LoadTests.Replay.Targets;

/// <summary>
/// What the replay runs against, started for the run and stopped after it: the API host with its embedded silo in
/// this process (<see cref="EmbeddedApiHost"/>), or silo processes on a throwaway PostgreSQL (<see cref="FailoverCluster"/>)
/// with a cluster client and, for HTTP, the API host as their cluster client. Every silo loads the compressed city.
/// Chaos acts on the silo processes (SIGKILL, restart) and on the database path (<see cref="DatabaseCutProxy"/>).
/// </summary>
public sealed class ReplayCluster : IAsyncDisposable
{
    private const int RegistrationsPerRequest = 1000;
    private static readonly Actor Registrar = new("replay", Role.System);

    private readonly EmbeddedApiHost? _host;
    private readonly FailoverCluster? _cluster;
    private readonly DatabaseCutProxy? _proxy;
    private readonly HttpClient? _http;
    private readonly MeterListener? _lateness;
    private readonly LatencyHistogram _inProcessLateness = new();

    private ReplayCluster(IGrainFactory grains, ReplayVia via, EmbeddedApiHost? host, FailoverCluster? cluster, DatabaseCutProxy? proxy)
    {
        (Grains, _host, _cluster, _proxy) = (grains, host, cluster, proxy);
        if (via == ReplayVia.Http)
        {
            var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
            _http = new HttpClient(handler) { BaseAddress = new Uri(host!.Url), Timeout = TimeSpan.FromSeconds(60) };
            var tokens = host.Services.GetRequiredService<ApiTokens>();
            Cases = new HttpCaseTarget(_http, tokens);
            Sensors = new HttpSensorPlatform(_http, tokens.Issue(SensorCasePolicy.Platform, DateTimeOffset.UtcNow, TimeSpan.FromHours(12)));
        }
        else
        {
            Cases = new GrainCaseTarget(grains);
        }

        if (cluster is null)
        {
            // The embedded silo runs in this process: its deadline service's lateness is read from its own meter.
            _lateness = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Name == "cityactors.deadlines.lateness")
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            _lateness.SetMeasurementEventCallback<double>((_, seconds, _, _) =>
            {
                lock (_inProcessLateness)
                {
                    _inProcessLateness.Record((long)(seconds * 1e9));
                }
            });
            _lateness.Start();
        }
    }

    public IGrainFactory Grains { get; }

    /// <summary>The city the embedded silo loaded (null for silo processes: the replay loads the package itself).</summary>
    public CityActors.Domain.City.CityModel? City => _host?.Services.GetService<CityActors.Domain.City.CityModel>();

    public ICaseTarget Cases { get; }

    private HttpSensorPlatform? Sensors { get; }

    public string Description { get; private init; } = "";

    public bool CanKill => _cluster is { Silos.Count: > 1 };

    public static async Task<ReplayCluster> StartAsync(ReplayOptions options, CompressedCity city, bool cutDatabase, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(city);
        ArgumentNullException.ThrowIfNull(log);
        var settings = new Dictionary<string, string>(city.CaseSettings, StringComparer.Ordinal) { ["CityActors:City:Package"] = city.Directory };
        if (options.Silos == 0)
        {
            log.WriteLine("  starting the API host with its embedded silo (in memory)");
            var host = await EmbeddedApiHost.StartAsync([.. settings.SelectMany(s => new[] { $"--{s.Key}", s.Value })]).ConfigureAwait(false);
            return new ReplayCluster(host.Services.GetRequiredService<IGrainFactory>(), options.Via, host, null, null)
            {
                Description = $"API host with embedded silo (in-memory storage), via {(options.Via == ReplayVia.Http ? "REST" : "grains")}",
            };
        }

        log.WriteLine(FormattableString.Invariant($"  building the silo, starting PostgreSQL and {options.Silos} silo process(es)"));
        var proxy = new StrongBox<DatabaseCutProxy?>();
        var cluster = await FailoverCluster.StartAsync(
            options.Silos,
            settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value),
            cutDatabase ? connection => ThroughProxy(connection, proxy) : null).ConfigureAwait(false);
        EmbeddedApiHost? client = null;
        if (options.Via == ReplayVia.Http)
        {
            log.WriteLine("  starting the API host as their cluster client");
            client = await EmbeddedApiHost.StartClusterClientAsync([.. cluster.Silos.Select(s => s.GatewayPort)]).ConfigureAwait(false);
        }

        return new ReplayCluster(cluster.Grains, options.Via, client, cluster, proxy.Value)
        {
            Description = FormattableString.Invariant($"{options.Silos} silo process(es) on PostgreSQL{(cutDatabase ? " behind a severable relay" : "")}, via {(options.Via == ReplayVia.Http ? "REST (API host as cluster client)" : "the cluster client's grains")}"),
        };
    }

    public async Task RegisterSensorsAsync(SensorFleet fleet)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        if (Sensors is { } platform)
        {
            var chunks = fleet.Registrations.Chunk(RegistrationsPerRequest).ToList();
            await FixedCountRun.RunAsync(chunks.Count, 4, i => platform.RegisterAsync(chunks[i])).ConfigureAwait(false);
            return;
        }

        var result = await FixedCountRun.RunAsync(fleet.Count, 64, i =>
            Grains.GetGrain<ISensorGrain>(fleet.Registrations[i].Id).Register(Registrar, fleet.Registrations[i])).ConfigureAwait(false);
        if (result.Failures > 0)
        {
            throw new InvalidOperationException($"{result.Failures:N0} of {fleet.Count:N0} sensor registrations failed; first: {result.FirstFailure}");
        }
    }

    public async Task SendReadingsAsync(SensorReading[] batch, VerdictTally verdicts)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(verdicts);
        if (Sensors is { } platform)
        {
            await platform.SendAsync(batch, verdicts).ConfigureAwait(false);
            return;
        }

        verdicts.Add(await Grains.GetGrain<ISensorIngestGrain>(0).Ingest(batch).ConfigureAwait(false), batch.Length);
    }

    /// <summary>SIGKILLs the last silo process; returns its slot.</summary>
    public async Task<int> KillSiloAsync()
    {
        var slot = _cluster!.Silos.Count - 1;
        await _cluster.Silos[slot].KillAsync().ConfigureAwait(false);
        return slot;
    }

    /// <summary>Starts the slot's process again and waits until the cluster lists it Active; how long that took.</summary>
    public async Task<TimeSpan> RestartSiloAsync(int slot) => (await _cluster!.RestartAsync(slot).ConfigureAwait(false)).Active;

    public Task CutDatabaseAsync(TimeSpan duration) => _proxy!.CutAsync(duration);

    /// <summary>
    /// How late the SLA points fired: from the embedded silo's own meter, or, for silo processes, from the journal (the
    /// time each warning, overdue mark or escalation was written against the instant it records as due).
    /// </summary>
    public async Task<LatencyHistogram> DeadlineLatenessAsync()
    {
        if (_cluster is null)
        {
            lock (_inProcessLateness)
            {
                var copy = new LatencyHistogram();
                copy.Add(_inProcessLateness);
                return copy;
            }
        }

        var histogram = new LatencyHistogram();
        await using var connection = new NpgsqlConnection(_cluster.Database);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            select extract(epoch from recorded_at - (payload->'meta'->>'at')::timestamptz)::float8
            from grain_journal
            where grain_type = 'case' and event_type in ('TimerWarned', 'TimerOverdue', 'TimerEscalated')
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            histogram.Record((long)(Math.Max(0, reader.GetDouble(0)) * 1e9));
        }

        return histogram;
    }

    public async ValueTask DisposeAsync()
    {
        _lateness?.Dispose();
        _http?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync().ConfigureAwait(false);
        }

        if (_proxy is not null)
        {
            await _proxy.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Every silo gets the same relay, made for the first.
    private static string ThroughProxy(string connection, StrongBox<DatabaseCutProxy?> proxy)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection);
        proxy.Value ??= new DatabaseCutProxy(new IPEndPoint(IPAddress.Parse(builder.Host!), builder.Port));
        builder.Port = proxy.Value.Port;
        return builder.ConnectionString;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Description}");
}
