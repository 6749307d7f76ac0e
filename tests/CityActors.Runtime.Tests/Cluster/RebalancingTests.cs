using CityActors.PostgreSql;
using CityActors.Runtime.Hosting;
using CityActors.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CityActors.Runtime.Tests.Cluster;

public sealed class RebalancingTests
{
    [Fact]
    public async Task Joining_silos_take_shards_gradually_until_the_spread_is_even()
    {
        await using var cluster = await TestCluster.StartAsync(1, silo => silo.AddGrain<AccountGrain>(), new Dictionary<string, string?>
        {
            ["CityActors:Cluster:MaxShardMovesPerRound"] = "4",
        });
        await cluster.WaitForStableAsync();
        cluster.Silos[0].OwnedShardCount.ShouldBe(64);

        var joiner = await cluster.AddSiloAsync();
        var observed = new SortedSet<int>();
        while (observed.Count == 0 || observed.Max < 32)
        {
            var owners = await cluster.ReadOwnersAsync();
            observed.Add(owners.Values.Count(o => o == joiner.Name));
            await Task.Delay(20);
        }

        observed.Count.ShouldBeGreaterThanOrEqualTo(5, $"shards should arrive in bounded steps of at most 4, saw {string.Join(",", observed)}");
        await cluster.WaitForStableAsync();

        await cluster.AddSiloAsync();
        await cluster.WaitForStableAsync();
        cluster.Silos.Select(s => s.OwnedShardCount).Order().ShouldBe([21, 21, 22]);
    }

    [Fact]
    public async Task A_graceful_stop_under_load_causes_no_client_visible_errors()
    {
        await using var cluster = await TestCluster.StartAsync(3, silo => silo.AddGrain<AccountGrain>());
        await cluster.WaitForStableAsync();
        await using var client = await cluster.ConnectClientAsync();
        var keys = Enumerable.Range(0, 60).Select(i => $"steady-{i}").ToArray();
        var acknowledged = keys.ToDictionary(k => k, _ => 0L);
        var errors = new List<Exception>();
        using var stop = new CancellationTokenSource();

        async Task Load(string key)
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    acknowledged[key] = await client.GetGrain<IAccountGrain>(key).Deposit(1);
                }
                catch (Exception ex)
                {
                    lock (errors)
                    {
                        errors.Add(ex);
                    }
                }
            }
        }

        var load = keys.Select(k => Task.Run(() => Load(k))).ToArray();
        while (acknowledged.Values.Any(v => v < 3))
        {
            await Task.Delay(10);
        }

        var leaving = cluster.Silos[2];
        await cluster.StopSiloAsync(leaving);
        await cluster.WaitForStableAsync();
        var atStop = acknowledged.ToDictionary(p => p.Key, p => p.Value);
        while (keys.Any(k => acknowledged[k] <= atStop[k]))
        {
            await Task.Delay(10);
        }

        await stop.CancelAsync();
        await Task.WhenAll(load);

        errors.ShouldBeEmpty();
        foreach (var key in keys)
        {
            var placement = await client.GetGrain<IAccountGrain>(key).Where();
            placement.Balance.ShouldBe(acknowledged[key]);
            placement.Silo.ShouldNotBe(leaving.Name);
        }
    }

    [Fact]
    public async Task Bad_cluster_configuration_fails_at_start_with_a_precise_message()
    {
        await using var cluster = await TestCluster.StartAsync(1, silo => silo.AddGrain<AccountGrain>());

        var wrongShards = await Should.ThrowAsync<ClusterConfigurationException>(() => StartSilo(cluster.ConnectionString, shardCount: 128));
        wrongShards.Message.ShouldContain("ShardCount is 128 but the cluster stored in this database was created with 64 shards");

        var unreachable = await Should.ThrowAsync<ClusterConfigurationException>(() => StartSilo("Host=127.0.0.1;Port=1;Username=postgres;Database=x;Timeout=2", shardCount: 64));
        unreachable.Message.ShouldContain("Cannot reach the cluster database (host 127.0.0.1, port 1");

        var server = await PostgresServer.SharedAsync();
        var empty = await server.CreateDatabaseAsync("empty");
        var outdated = await Should.ThrowAsync<ClusterConfigurationException>(() => StartSilo(empty, shardCount: 64, applySchema: false));
        outdated.Message.ShouldContain("schema is at version 0 but this silo needs version");

        var missing = await Should.ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => StartSilo("", shardCount: 64));
        missing.Message.ShouldContain("CityActors:PostgreSql:ConnectionString must be set");

        var badLease = await Should.ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => StartSilo(cluster.ConnectionString, shardCount: 64, extra: new() { ["CityActors:Cluster:LeaseDuration"] = "00:00:01" }));
        badLease.Message.ShouldContain("LeaseDuration (00:00:01) must be at least twice RenewInterval");
    }

    private static async Task StartSilo(string connectionString, int shardCount, bool applySchema = true, Dictionary<string, string?>? extra = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CityActors:Silo:ShardCount"] = shardCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CityActors:Cluster:Port"] = "0",
            ["CityActors:PostgreSql:ConnectionString"] = connectionString,
            ["CityActors:PostgreSql:ApplySchema"] = applySchema ? "true" : "false",
        });
        builder.Configuration.AddInMemoryCollection(extra ?? []);
        builder.AddCityActorsSilo(silo => silo.AddGrain<AccountGrain>().UsePostgreSqlClustering());
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();
    }
}
