using CityActors.Runtime.Cluster;

namespace CityActors.Runtime.Tests.Cluster;

public sealed class LeaseTests
{
    [Fact]
    public async Task Every_acquisition_bumps_the_epoch_and_a_held_lease_cannot_be_claimed()
    {
        await using var db = await ClusterDatabase.CreateAsync();
        var (first, epochs) = await db.JoinAndClaimAsync(8, 0, 1);
        epochs.ShouldBe(new Dictionary<int, long> { [0] = 1, [1] = 1 });

        var (second, taken) = await db.JoinAndClaimAsync(8, 0, 1, 2);
        taken.ShouldBe(new Dictionary<int, long> { [2] = 1 });

        await db.Membership.ReleaseAsync(first, [0], default);
        var retaken = await db.Membership.ClaimAsync(second, [0, 1], TimeSpan.FromMinutes(1), default);
        retaken.ShouldBe(new Dictionary<int, long> { [0] = 2 });
    }

    [Fact]
    public async Task Heartbeats_renew_only_unexpired_leases_and_report_the_whole_map()
    {
        await using var db = await ClusterDatabase.CreateAsync();
        var (silo, _) = await db.JoinAndClaimAsync(4, 0, 1);
        await db.ScalarAsync("update shard_lease set expires_at = now() - interval '1 second' where shard = 1 returning shard");

        var view = await db.Membership.HeartbeatAsync(silo, TimeSpan.FromSeconds(30), default);

        view.Renewed.ShouldBe(new Dictionary<int, long> { [0] = 1 });
        view.LiveSilos.Select(s => s.SiloId).ShouldBe([silo]);
        view.Shards.Count.ShouldBe(4);
        view.Shards[0].ShouldBe(new ShardAssignment(0, silo, 1, Expired: false));
        view.Shards[1].ShouldBe(new ShardAssignment(1, silo, 1, Expired: true));
        view.Shards[2].ShouldBe(new ShardAssignment(2, null, 0, Expired: true));
    }

    [Fact]
    public async Task Expired_leases_are_claimable_by_others_and_a_left_silo_holds_nothing()
    {
        await using var db = await ClusterDatabase.CreateAsync();
        var (first, _) = await db.JoinAndClaimAsync(4, 0, 1, 2, 3);
        await db.ScalarAsync("update shard_lease set expires_at = now() - interval '1 second' where shard = 3 returning shard");
        var (second, taken) = await db.JoinAndClaimAsync(4, 0, 1, 2, 3);
        taken.ShouldBe(new Dictionary<int, long> { [3] = 2 });

        await db.Membership.LeaveAsync(first, default);

        var view = await db.Membership.HeartbeatAsync(second, TimeSpan.FromSeconds(30), default);
        view.LiveSilos.Select(s => s.SiloId).ShouldBe([second]);
        view.Shards.Where(s => s.SiloId == first).ShouldBeEmpty();
        (await db.Membership.ClaimAsync(second, [0, 1, 2], TimeSpan.FromSeconds(30), default)).Count.ShouldBe(3);
    }
}
