using System.Globalization;
using CityActors.Client;
using CityActors.LoadTests.Hosting;
using CityActors.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CityActors.LoadTests.Failover;

/// <summary>
/// Silo processes on one database of a throwaway PostgreSQL, each slot on its own ports, and a cluster client (static
/// gateway list, as a front-end has) connected to all of them.
/// </summary>
internal sealed class FailoverCluster : IAsyncDisposable
{
    private readonly PostgresServer _server;
    private readonly SiloProcess[] _silos;
    private IHost? _client;

    private FailoverCluster(PostgresServer server, string database, SiloProcess[] silos) => (_server, Database, _silos) = (server, database, silos);

    public string Database { get; }

    public IClusterClient Grains => _client!.Services.GetRequiredService<IClusterClient>();

    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <param name="count">Silo processes to start.</param>
    /// <param name="siloEnvironment">Further environment variables of every silo process.</param>
    /// <param name="siloDatabase">The connection string the silos get, from the database's own (a relay in front of it); null: the database's.</param>
    public static async Task<FailoverCluster> StartAsync(int count, IReadOnlyDictionary<string, string>? siloEnvironment = null, Func<string, string>? siloDatabase = null)
    {
        var dll = await SiloExecutable.BuildAsync(TextWriter.Null).ConfigureAwait(false);
        var server = await PostgresServer.StartAsync().ConfigureAwait(false);

        // The product's default pool, as a deployed silo has.
        var database = new NpgsqlConnectionStringBuilder(await server.CreateDatabaseAsync("failover").ConfigureAwait(false));
        database.Remove("Maximum Pool Size");
        var silos = await Task.WhenAll(Enumerable.Range(0, count)
            .Select(_ => SiloProcess.StartAsync(dll, siloDatabase?.Invoke(database.ConnectionString) ?? database.ConnectionString, FreePorts.Next(), FreePorts.Next(), siloEnvironment))).ConfigureAwait(false);
        var cluster = new FailoverCluster(server, database.ConnectionString, silos);
        await cluster.WaitForActiveAsync(count).ConfigureAwait(false);
        await cluster.ConnectAsync().ConfigureAwait(false);
        return cluster;
    }

    /// <summary>
    /// Replaces the slot's (killed) process by a new one on the same ports and waits until it is Active; returns how
    /// long the process took to listen (start-up, city package, joining) and the whole restart.
    /// </summary>
    public async Task<(TimeSpan Listening, TimeSpan Active)> RestartAsync(int slot)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        _silos[slot] = await _silos[slot].RestartAsync().ConfigureAwait(false);
        var listening = clock.Elapsed;
        await WaitForActiveAsync(_silos.Length).ConfigureAwait(false);
        return (listening, clock.Elapsed);
    }

    /// <summary>The Orleans address of the slot's current process, as the cluster lists it.</summary>
    public async Task<SiloAddress> AddressOfAsync(int slot)
    {
        var hosts = await Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).ConfigureAwait(false);
        return hosts.Keys.Single(a => a.Endpoint.Port == _silos[slot].SiloPort);
    }

    /// <summary>The case grains active on <paramref name="silo"/>.</summary>
    public async Task<IReadOnlyList<string>> CasesOnAsync(SiloAddress silo)
    {
        var statistics = await Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics(hostsIds: [silo]).ConfigureAwait(false);
        return [.. statistics.Where(s => s.GrainId.Type.ToString() == "case").Select(s => s.GrainId.Key.ToString()!)];
    }

    public async Task WaitForActiveAsync(int count)
    {
        var limit = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (await ScalarAsync("select count(*) from orleans_membership where status = 3").ConfigureAwait(false) != count)
        {
            if (DateTime.UtcNow > limit)
            {
                throw new TimeoutException($"{count} silos were not Active within 120 s.");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    /// <summary>Each case's highest journal version in the database.</summary>
    public async Task<Dictionary<string, long>> JournalHeadsAsync()
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand("select grain_key, max(version) from grain_journal where grain_type = 'case' group by grain_key", connection);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var heads = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            heads[reader.GetString(0)] = reader.GetInt64(1);
        }

        return heads;
    }

    public string Logs() => string.Join(Environment.NewLine, _silos.Select((s, i) => $"--- silo {i} ---{Environment.NewLine}{s.LogTail()}"));

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _client.StopAsync(limit.Token).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            _client.Dispose();
        }

        foreach (var silo in _silos)
        {
            await silo.DisposeAsync().ConfigureAwait(false);
        }

        await _server.DisposeAsync().ConfigureAwait(false);
    }

    private async Task ConnectAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(_silos.Select((s, i) =>
            KeyValuePair.Create<string, string?>($"CityActors:Client:Gateways:{i}", $"127.0.0.1:{s.GatewayPort.ToString(CultureInfo.InvariantCulture)}")));
        builder.UseOrleansClient(client => client.UseCityActorsCluster(builder.Configuration));
        _client = builder.Build();
        await _client.StartAsync().ConfigureAwait(false);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync().ConfigureAwait(false), CultureInfo.InvariantCulture);
    }
}
