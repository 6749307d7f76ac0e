using System.Globalization;
using CityActors.Testing;
using Npgsql;

namespace CityActors.Cluster.Tests;

/// <summary>
/// N silo processes on a fresh database of the throwaway PostgreSQL, each on its own silo and gateway port. A slot keeps
/// its ports across restarts, so clients with a static gateway list find a restarted silo again.
/// </summary>
internal sealed class SiloCluster : IAsyncDisposable
{
    private static readonly TimeSpan JoinLimit = TimeSpan.FromSeconds(60);
    private readonly List<SiloProcess> _silos;
    private readonly List<SiloProcess> _retired = [];

    private SiloCluster(string database, List<SiloProcess> silos)
    {
        Database = database;
        _silos = silos;
    }

    /// <summary>Connection string of the cluster database.</summary>
    public string Database { get; }

    /// <summary>How long starting the cluster took (database, processes, joining).</summary>
    public TimeSpan StartedIn { get; private set; }

    /// <summary>The current process of each slot.</summary>
    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>Starts <paramref name="count"/> silos at once and waits until all are Active in the membership table.</summary>
    /// <param name="settings">Extra environment for every silo (configuration keys with "__"). The NYC demo fleet is not
    /// registered unless a test asks for it: 3,000 registrations at every start would share the cores with what is measured.</param>
    public static async Task<SiloCluster> StartAsync(int count, IReadOnlyDictionary<string, string>? settings = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var server = await PostgresServer.SharedAsync();
        var database = await server.CreateDatabaseAsync("cluster");
        var environment = new Dictionary<string, string> { ["CityActors__Sensors__RegisterFleet"] = "false" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        environment["CityActors__PostgreSql__ConnectionString"] = database;
        var starting = Enumerable.Range(0, count)
            .Select(i => SiloProcess.StartAsync($"silo-{i}", FreePorts.Next(), FreePorts.Next(), environment))
            .ToList();
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }

        var cluster = new SiloCluster(database, [.. starting.Select(t => t.Result)]);
        await cluster.WaitForActiveAsync(count);
        cluster.StartedIn = clock.Elapsed;
        return cluster;
    }

    /// <summary>The slot's process is replaced by a new one on the same ports.</summary>
    public async Task<SiloProcess> RestartAsync(SiloProcess old)
    {
        var fresh = await old.RestartAsync();
        lock (_silos)
        {
            _silos[_silos.IndexOf(old)] = fresh;
            _retired.Add(old);
        }

        return fresh;
    }

    /// <summary>The process behind an Orleans silo address (recognised by its silo port).</summary>
    public SiloProcess Of(SiloAddress address) => _silos.Single(s => s.SiloPort == address.Endpoint.Port);

    /// <summary>A cluster client with the gateways of <paramref name="gateways"/> (default: every silo) as its static list.</summary>
    public Task<ClusterClientHost> ConnectAsync(params SiloProcess[] gateways) => ConnectAsync(null, gateways);

    /// <inheritdoc cref="ConnectAsync(SiloProcess[])"/>
    public Task<ClusterClientHost> ConnectAsync(TimeSpan? responseTimeout, params SiloProcess[] gateways) =>
        ClusterClientHost.ConnectAsync((gateways.Length == 0 ? [.. _silos] : gateways).Select(s => s.GatewayPort), responseTimeout);

    public Task WaitForActiveAsync(int count) => Await.UntilAsync(
        async () => await CountAsync("select count(*) from orleans_membership where status = 3") == count,
        JoinLimit,
        $"{count} silos Active in orleans_membership");

    /// <summary>Whether the membership table has declared the current process of this silo Dead (status 6).</summary>
    public async Task<bool> IsDeclaredDeadAsync(SiloProcess silo) =>
        await CountAsync($"""
            select count(*) from orleans_membership
            where port = {silo.SiloPort} and status = 6
              and generation = (select max(generation) from orleans_membership where port = {silo.SiloPort})
            """) == 1;

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Every silo's recent output, for the message of a failed assertion.</summary>
    public string Logs() => string.Join(Environment.NewLine, _retired.Concat(_silos).Select(s => s.OutputTail));

    public override string ToString() => string.Join(", ", _silos.Select(s => $"{s.Name}: silo port {s.SiloPort}, gateway {s.GatewayPort}{(s.HasExited ? " (exited)" : "")}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos.Concat(_retired))
        {
            await silo.DisposeAsync();
        }
    }
}
