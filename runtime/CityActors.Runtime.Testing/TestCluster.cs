using System.Globalization;
using CityActors.PostgreSql;
using CityActors.Runtime.Cluster;
using CityActors.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CityActors.Testing;

/// <summary>
/// N clustered silos in this process on one throwaway PostgreSQL database, talking real TCP on loopback. Silos can be
/// added, stopped gracefully, killed (no hand-off), restarted and frozen (no heartbeats or renewals while running).
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly List<TestClusterSilo> _silos = [];
    private readonly Action<SiloBuilder> _configure;
    private readonly IDictionary<string, string?> _settings;
    private int _nextSilo;

    private TestCluster(string connectionString, Action<SiloBuilder> configure, IDictionary<string, string?> settings)
    {
        ConnectionString = connectionString;
        _configure = configure;
        _settings = settings;
        ShardCount = int.Parse(settings[$"{SiloOptions.SectionName}:ShardCount"]!, CultureInfo.InvariantCulture);
    }

    public string ConnectionString { get; }

    public int ShardCount { get; }

    /// <summary>Silos that are running (including frozen ones), in start order.</summary>
    public IReadOnlyList<TestClusterSilo> Silos => _silos.Where(s => !s.IsDown).ToList();

    /// <summary>
    /// Starts <paramref name="silos"/> silos on a new database of the shared test PostgreSQL server. Settings override
    /// the defaults (64 shards; lease 3 s renewed every 500 ms); pass production values to test default behaviour.
    /// </summary>
    public static async Task<TestCluster> StartAsync(int silos, Action<SiloBuilder> configure, IDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var server = await PostgresServer.SharedAsync().ConfigureAwait(false);
        var connectionString = await server.CreateDatabaseAsync("cluster").ConfigureAwait(false);
        var merged = new Dictionary<string, string?>
        {
            [$"{SiloOptions.SectionName}:ShardCount"] = "64",
            [$"{ClusterOptions.SectionName}:Port"] = "0",
            [$"{ClusterOptions.SectionName}:LeaseDuration"] = "00:00:03",
            [$"{ClusterOptions.SectionName}:RenewInterval"] = "00:00:00.5",
            [$"{ClusterOptions.SectionName}:LeaseSafetyMargin"] = "00:00:00.5",
            [$"{ClusterOptions.SectionName}:MaxShardMovesPerRound"] = "16",
            [$"{PostgresOptions.SectionName}:ConnectionString"] = connectionString,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        var cluster = new TestCluster(connectionString, configure, merged);
        for (var i = 0; i < silos; i++)
        {
            await cluster.AddSiloAsync().ConfigureAwait(false);
        }

        return cluster;
    }

    public async Task<TestClusterSilo> AddSiloAsync(string? name = null)
    {
        name ??= $"silo-{_nextSilo++}";
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(_settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"{SiloOptions.SectionName}:SiloName"] = name });
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        if (Environment.GetEnvironmentVariable("CITYACTORS_TEST_LOG") is { Length: > 0 })
        {
            // Troubleshooting: every silo's log on the console, prefixed by its category.
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).AddFilter(level => level >= LogLevel.Information);
        }

        builder.AddCityActorsSilo(silo =>
        {
            silo.UsePostgreSqlClustering();
            _configure(silo);
        });
        var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        var silo = new TestClusterSilo(name, host);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>Graceful stop: the silo hands its shards off and leaves.</summary>
    public Task StopSiloAsync(TestClusterSilo silo) => silo.StopAsync();

    /// <summary>Abrupt stop: connections cut, nothing handed off or written; its leases expire on their own.</summary>
    public Task KillSiloAsync(TestClusterSilo silo) => silo.KillAsync();

    /// <summary>Brings a stopped or killed silo back under the same name (a new process, as far as the cluster knows).</summary>
    public async Task<TestClusterSilo> RestartSiloAsync(TestClusterSilo silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (!silo.IsDown)
        {
            await silo.StopAsync().ConfigureAwait(false);
        }

        _silos.Remove(silo);
        return await AddSiloAsync(silo.Name).ConfigureAwait(false);
    }

    /// <summary>A client connected through every running silo's gateway endpoint.</summary>
    public Task<ClusterClient> ConnectClientAsync()
    {
        var options = new ClusterClientOptions();
        foreach (var silo in Silos)
        {
            options.Gateways.Add(silo.Endpoint);
        }

        return ClusterClient.ConnectAsync(options);
    }

    /// <summary>
    /// Waits until every shard is leased (unexpired) to a running, unfrozen silo, the spread is even (no silo more
    /// than one shard over another) and every running silo's map agrees with the database.
    /// </summary>
    public async Task WaitForStableAsync(TimeSpan? timeout = null)
    {
        var limit = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        string state = "";
        while (DateTime.UtcNow < limit)
        {
            var (stable, description) = await CheckStableAsync().ConfigureAwait(false);
            if (stable)
            {
                return;
            }

            state = description;
            await Task.Delay(50).ConfigureAwait(false);
        }

        throw new TimeoutException($"The shard map did not settle: {state}");
    }

    /// <summary>Owner silo name per shard as the database has it (null: unowned or expired).</summary>
    public async Task<IReadOnlyDictionary<int, string?>> ReadOwnersAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "select l.shard, case when l.expires_at > now() then s.name end from shard_lease l left join silo s on s.silo_id = l.silo_id order by l.shard",
            connection);
        var owners = new Dictionary<int, string?>();
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            owners[reader.GetInt32(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        return owners;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos.Where(s => !s.IsDown).Reverse().ToList())
        {
            // A frozen silo cannot hand off what it no longer owns; it goes down the way a stalled process would.
            await (silo.IsFrozen ? silo.KillAsync() : silo.StopAsync()).ConfigureAwait(false);
        }

        foreach (var silo in _silos)
        {
            silo.Dispose();
        }
    }

    private async Task<(bool Stable, string Description)> CheckStableAsync()
    {
        var owners = await ReadOwnersAsync().ConfigureAwait(false);
        var serving = Silos.Where(s => !s.IsFrozen).Select(s => s.Name).ToHashSet();
        var counts = owners.Values.Where(o => o is not null).GroupBy(o => o!).ToDictionary(g => g.Key, g => g.Count());
        var description = $"owners {string.Join(", ", counts.Select(c => $"{c.Key}={c.Value}"))}, unowned {owners.Values.Count(o => o is null)}";
        if (owners.Values.Any(o => o is null || !serving.Contains(o)) || serving.Any(s => !counts.ContainsKey(s)))
        {
            return (false, description);
        }

        if (counts.Values.Max() - counts.Values.Min() > 1)
        {
            return (false, description);
        }

        foreach (var silo in Silos.Where(s => !s.IsFrozen))
        {
            var map = silo.Map;
            for (var shard = 0; shard < map.ShardCount; shard++)
            {
                if (map[shard].Endpoint is null || Silos.First(s => s.Name == owners[shard]).SiloId != map[shard].SiloId)
                {
                    return (false, $"{description}; {silo.Name}'s map is behind at shard {shard}");
                }
            }
        }

        return (true, description);
    }
}

/// <summary>One silo of a <see cref="TestCluster"/>.</summary>
public sealed class TestClusterSilo : IDisposable
{
    private readonly IHost _host;

    internal TestClusterSilo(string name, IHost host)
    {
        Name = name;
        _host = host;
        Membership = host.Services.GetRequiredService<ClusterMembership>();
    }

    public string Name { get; }

    public Guid SiloId => Membership.SiloId;

    /// <summary>host:port for silo and client traffic.</summary>
    public string Endpoint => Membership.Endpoint;

    public bool IsDown { get; private set; }

    public bool IsFrozen { get; private set; }

    public IServiceProvider Services => _host.Services;

    /// <summary>The silo's own grain factory (routes through the cluster like grain code does).</summary>
    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public ISiloStatus Status => _host.Services.GetRequiredService<ISiloStatus>();

    public int OwnedShardCount => Membership.OwnedShardCount;

    internal ClusterMembership Membership { get; }

    internal ShardMap Map => _host.Services.GetRequiredService<ShardMapHolder>().Current;

    /// <summary>
    /// Stops heartbeats and lease renewals. With <paramref name="keepServing"/> the silo keeps believing it owns its
    /// shards (a paused process); otherwise it fences itself when its leases could expire.
    /// </summary>
    public void Freeze(bool keepServing = false)
    {
        IsFrozen = true;
        Membership.Freeze(keepServing);
    }

    public void Unfreeze()
    {
        IsFrozen = false;
        Membership.Unfreeze();
    }

    /// <summary>Calls a grain on this silo's own activations, bypassing routing (to reach a stale activation on purpose).</summary>
    public IGrainFactory LocalGrains => _host.Services.GetRequiredService<Runtime.Invocation.LocalGrainRuntime>();

    internal async Task StopAsync()
    {
        if (IsDown)
        {
            return;
        }

        IsDown = true;
        await _host.StopAsync().ConfigureAwait(false);
    }

    internal async Task KillAsync()
    {
        if (IsDown)
        {
            return;
        }

        IsDown = true;
        _host.Services.GetRequiredService<SiloLifecycle>().Killed = true;
        await Membership.KillAsync().ConfigureAwait(false);
        await _host.StopAsync().ConfigureAwait(false);
    }

    public void Dispose() => _host.Dispose();
}
