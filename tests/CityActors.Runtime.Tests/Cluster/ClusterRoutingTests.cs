using CityActors.Testing;

namespace CityActors.Runtime.Tests.Cluster;

public sealed class ClusterRoutingTests
{
    [Fact]
    public async Task Grains_spread_over_three_silos_and_client_calls_reach_the_shard_owner()
    {
        await using var cluster = await TestCluster.StartAsync(3, silo => silo.AddGrain<AccountGrain>());
        await cluster.WaitForStableAsync();
        await using var client = await cluster.ConnectClientAsync();
        var owners = await cluster.ReadOwnersAsync();

        var placements = new Dictionary<string, string>();
        for (var i = 0; i < 60; i++)
        {
            var key = $"acct-{i}";
            (await client.GetGrain<IAccountGrain>(key).Deposit(i)).ShouldBe(i);
            var placement = await client.GetGrain<IAccountGrain>(key).Where();
            placement.Silo.ShouldBe(owners[new GrainId("account", key).GetShard(cluster.ShardCount)]);
            placements[key] = placement.Silo;
        }

        placements.Values.Distinct().Count().ShouldBe(3);
        cluster.Silos.ShouldAllBe(s => s.OwnedShardCount >= 21 && s.OwnedShardCount <= 22);

        // Silo-to-silo calls route the same way: every silo sees the same owner and state.
        foreach (var silo in cluster.Silos)
        {
            (await silo.Grains.GetGrain<IAccountGrain>("acct-7").Where()).ShouldBe(new Placement(placements["acct-7"], 7));
        }
    }

    [Fact]
    public async Task Exceptions_deadlines_and_cancellation_cross_the_wire()
    {
        await using var cluster = await TestCluster.StartAsync(2, silo => silo.AddGrain<AccountGrain>());
        await cluster.WaitForStableAsync();
        await using var client = await cluster.ConnectClientAsync();
        var grain = client.GetGrain<IAccountGrain>("errors");

        var error = await Should.ThrowAsync<ArgumentException>(() => grain.Fail("amount must be positive"));
        error.Message.ShouldBe("amount must be positive");

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Should.ThrowAsync<OperationCanceledException>(() => grain.Sleep(TimeSpan.FromSeconds(30), cancel.Token));
        (await grain.Sleep(TimeSpan.FromMilliseconds(1), CancellationToken.None)).ShouldBe(1);
    }
}
