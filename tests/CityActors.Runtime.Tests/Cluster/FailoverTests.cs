using System.Diagnostics;
using CityActors.Testing;

namespace CityActors.Runtime.Tests.Cluster;

public sealed class FailoverTests
{
    [Fact]
    public async Task Killing_a_silo_under_load_loses_no_acknowledged_write_and_its_grains_come_back_within_ten_seconds()
    {
        // Production lease settings: the 10 s promise is about the defaults.
        await using var cluster = await TestCluster.StartAsync(3, silo => silo.AddGrain<AccountGrain>(), new Dictionary<string, string?>
        {
            ["CityActors:Cluster:LeaseDuration"] = "00:00:05",
            ["CityActors:Cluster:RenewInterval"] = "00:00:01",
            ["CityActors:Cluster:LeaseSafetyMargin"] = "00:00:01",
        });
        await cluster.WaitForStableAsync();
        await using var client = await cluster.ConnectClientAsync();
        var victim = cluster.Silos[1];
        var keys = Enumerable.Range(0, 90).Select(i => $"load-{i}").ToArray();
        var acknowledged = keys.ToDictionary(k => k, _ => 0L);
        using var stop = new CancellationTokenSource();

        async Task Load(string key)
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    acknowledged[key] = await client.GetGrain<IAccountGrain>(key).Deposit(1);
                }
                catch (Exception ex) when (ex is SiloUnavailableException or GrainCallTimeoutException)
                {
                    // In flight on the killed silo: not acknowledged, so it may or may not have committed.
                }
            }
        }

        var load = keys.Select(k => Task.Run(() => Load(k))).ToArray();
        while (acknowledged.Values.Any(v => v < 3))
        {
            await Task.Delay(10);
        }

        var victimKeys = keys.Where(k => (client.GetGrain<IAccountGrain>(k).Where().Result).Silo == victim.Name).ToList();
        victimKeys.ShouldNotBeEmpty();
        await cluster.KillSiloAsync(victim);
        var killedAt = Stopwatch.StartNew();

        // First successful call on the new owner for one of the killed silo's grains (calls caught in flight by the
        // kill fail with SiloUnavailableException; a caller tries again).
        Placement? firstBack = null;
        while (firstBack is null)
        {
            try
            {
                firstBack = await client.GetGrain<IAccountGrain>(victimKeys[0]).Where();
            }
            catch (SiloUnavailableException)
            {
            }
        }

        var recovery = killedAt.Elapsed;
        firstBack.Silo.ShouldNotBe(victim.Name);
        recovery.ShouldBeLessThan(TimeSpan.FromSeconds(10));

        await cluster.WaitForStableAsync();
        await Task.Delay(300);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        foreach (var key in keys)
        {
            var placement = await client.GetGrain<IAccountGrain>(key).Where();
            placement.Balance.ShouldBeGreaterThanOrEqualTo(acknowledged[key], $"grain {key} lost an acknowledged deposit");
            placement.Silo.ShouldNotBe(victim.Name);
        }
    }

    [Fact]
    public async Task A_paused_silo_cannot_commit_after_others_took_its_shards_and_drops_its_activations()
    {
        await using var cluster = await TestCluster.StartAsync(2, silo => silo.AddGrain<AccountGrain>());
        await cluster.WaitForStableAsync();
        await using var client = await cluster.ConnectClientAsync();
        var paused = cluster.Silos[0];
        var other = cluster.Silos[1];
        var key = Enumerable.Range(0, 1000).Select(i => $"fenced-{i}").First(k => (client.GetGrain<IAccountGrain>(k).Where().Result).Silo == paused.Name);
        (await client.GetGrain<IAccountGrain>(key).Deposit(5)).ShouldBe(5);

        // A call is parked on the silo's activation; then the silo stops renewing while believing its leases still
        // hold, as a process paused between its own lease checks would: only the database's fencing is left.
        var gate = $"gate-{Guid.NewGuid():N}";
        var parked = paused.LocalGrains.GetGrain<IAccountGrain>(key).DepositWhenOpened(gate, 100);
        await Gates.Reached(gate);
        paused.Freeze(keepServing: true);
        await cluster.WaitForStableAsync();
        (await cluster.ReadOwnersAsync())[new GrainId("account", key).GetShard(cluster.ShardCount)].ShouldBe(other.Name);

        // The new owner serves the grain from the last committed state and writes.
        (await other.Grains.GetGrain<IAccountGrain>(key).Deposit(1)).ShouldBe(6);

        // The stale activation wakes up and tries to commit with its old epoch: the database refuses.
        Gates.Open(gate);
        var refused = await Should.ThrowAsync<ShardOwnershipLostException>(() => parked);
        refused.Message.ShouldContain("no longer owns shard");

        // Resumed, the silo learns it lost the shard and drops the stale activation; every caller sees the committed state.
        paused.Unfreeze();
        await cluster.WaitForStableAsync();
        (await client.GetGrain<IAccountGrain>(key).Where()).Balance.ShouldBe(6);
        (await paused.Grains.GetGrain<IAccountGrain>(key).Deposit(1)).ShouldBe(7);
        (await client.GetGrain<IAccountGrain>(key).Where()).Balance.ShouldBe(7);
    }

    [Fact]
    public async Task A_silo_that_cannot_renew_stops_serving_before_its_leases_expire()
    {
        await using var cluster = await TestCluster.StartAsync(2, silo => silo.AddGrain<AccountGrain>());
        await cluster.WaitForStableAsync();
        await using var client = await cluster.ConnectClientAsync();
        var isolated = cluster.Silos[1];
        var key = Enumerable.Range(0, 1000).Select(i => $"iso-{i}").First(k => (client.GetGrain<IAccountGrain>(k).Where().Result).Silo == isolated.Name);
        await client.GetGrain<IAccountGrain>(key).Deposit(3);

        isolated.Freeze(keepServing: false);
        await cluster.WaitForStableAsync();

        isolated.OwnedShardCount.ShouldBe(0);
        isolated.Status.ActivationCount.ShouldBe(0);
        var placement = await client.GetGrain<IAccountGrain>(key).Where();
        placement.ShouldBe(new Placement(cluster.Silos[0].Name, 3));
    }
}
