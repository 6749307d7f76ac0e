using System.Net;
using static CityActors.PostgreSql.Tests.Schema.MembershipTableFactory;

namespace CityActors.PostgreSql.Tests.Schema;

/// <summary>The clustering query rows of 001, driven through Orleans' own AdoNet membership table.</summary>
public sealed class MembershipQueriesTests
{
    [Fact]
    public async Task A_new_deployment_reads_as_version_zero_without_silos_and_initializing_twice_keeps_one_version_row()
    {
        var connectionString = await ClusterDatabase.CreateMigratedAsync();
        var table = await CreateAsync(connectionString, "c1");
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);

        var data = await table.ReadAllAsync();

        data.Members.ShouldBeEmpty();
        data.Version.Version.ShouldBe(0);
        (await ClusterDatabase.ScalarAsync<long>(connectionString, "select count(*) from orleans_membership_version")).ShouldBe(1);
    }

    [Fact]
    public async Task An_inserted_silo_reads_back_field_for_field_and_bumps_the_version()
    {
        var table = await CreateAsync(await ClusterDatabase.CreateMigratedAsync(), "c1");
        var entry = Entry(11111, SiloStatus.Joining, proxyPort: 30000);

        (await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next())).ShouldBeTrue();
        var all = await table.ReadAllAsync();
        var one = await table.ReadRowAsync(entry.SiloAddress);

        all.Version.Version.ShouldBe(1);
        one.Version.Version.ShouldBe(1);
        var read = one.Members.ShouldHaveSingleItem().Item1;
        all.Members.ShouldHaveSingleItem().Item1.SiloAddress.ShouldBe(entry.SiloAddress);
        read.SiloAddress.ShouldBe(entry.SiloAddress);
        read.SiloName.ShouldBe(entry.SiloName);
        read.HostName.ShouldBe(entry.HostName);
        read.Status.ShouldBe(SiloStatus.Joining);
        read.ProxyPort.ShouldBe(30000);
        read.StartTime.ShouldBe(entry.StartTime);
        read.IAmAliveTime.ShouldBe(entry.IAmAliveTime);
        read.SuspectTimes.ShouldBeNull();
    }

    [Fact]
    public async Task Reading_an_unknown_silo_returns_the_version_without_an_entry()
    {
        var table = await CreateAsync(await ClusterDatabase.CreateMigratedAsync(), "c1");
        await table.InsertRowAsync(Entry(11111, SiloStatus.Active), (await table.ReadAllAsync()).Version.Next());

        var data = await table.ReadRowAsync(SiloAddress.New(IPAddress.Loopback, 22222, 1));

        data.Members.ShouldBeEmpty();
        data.Version.Version.ShouldBe(1);
    }

    [Fact]
    public async Task Inserting_from_a_stale_version_or_a_second_time_changes_nothing()
    {
        var table = await CreateAsync(await ClusterDatabase.CreateMigratedAsync(), "c1");
        var initial = (await table.ReadAllAsync()).Version;
        var first = Entry(11111, SiloStatus.Joining);
        await table.InsertRowAsync(first, initial.Next());
        var current = (await table.ReadAllAsync()).Version;

        var stale = await table.InsertRowAsync(Entry(22222, SiloStatus.Joining), initial.Next());
        var again = await table.InsertRowAsync(first, current.Next());

        stale.ShouldBeFalse();
        again.ShouldBeFalse();
        var after = await table.ReadAllAsync();
        after.Version.Version.ShouldBe(1);
        after.Members.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task An_update_replaces_status_votes_and_heartbeat_only_from_the_current_version()
    {
        var table = await CreateAsync(await ClusterDatabase.CreateMigratedAsync(), "c1");
        var entry = Entry(11111, SiloStatus.Joining);
        await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next());
        var read = await table.ReadAllAsync();
        var voter = SiloAddress.New(IPAddress.Loopback, 22222, 7);
        var voteTime = WholeMilliseconds(DateTime.UtcNow);
        var changed = read.Members[0].Item1;
        changed.Status = SiloStatus.Active;
        changed.IAmAliveTime = voteTime;
        changed.AddSuspector(voter, voteTime);

        var updated = await table.UpdateRowAsync(changed, read.Members[0].Item2, read.Version.Next());
        var stale = await table.UpdateRowAsync(changed, read.Members[0].Item2, read.Version.Next());
        var current = (await table.ReadAllAsync()).Version;
        var missing = await table.UpdateRowAsync(Entry(33333, SiloStatus.Active), current.VersionEtag, current.Next());

        updated.ShouldBeTrue();
        stale.ShouldBeFalse();
        missing.ShouldBeFalse();
        var after = await table.ReadRowAsync(entry.SiloAddress);
        after.Version.Version.ShouldBe(2);
        var row = after.Members.ShouldHaveSingleItem().Item1;
        row.Status.ShouldBe(SiloStatus.Active);
        row.IAmAliveTime.ShouldBe(voteTime);
        row.SuspectTimes.ShouldNotBeNull().ShouldHaveSingleItem().ShouldBe(Tuple.Create(voter, voteTime));
    }

    [Fact]
    public async Task Of_silos_updating_concurrently_from_the_same_read_exactly_one_succeeds()
    {
        var connectionString = await ClusterDatabase.CreateMigratedAsync();
        var setup = await CreateAsync(connectionString, "c1");
        var silos = Enumerable.Range(0, 8).Select(i => Entry(11000 + i, SiloStatus.Active)).ToList();
        foreach (var silo in silos)
        {
            await setup.InsertRowAsync(silo, (await setup.ReadAllAsync()).Version.Next());
        }

        // Each silo has its own table instance (its own connections), and all start from the same read.
        var tables = await Task.WhenAll(silos.Select(_ => CreateAsync(connectionString, "c1")));
        var read = await setup.ReadAllAsync();
        var results = await Task.WhenAll(tables.Select((table, i) =>
        {
            var (entry, etag) = read.Members.Single(m => m.Item1.SiloAddress.Equals(silos[i].SiloAddress));
            entry.Status = SiloStatus.ShuttingDown;
            return table.UpdateRowAsync(entry, etag, read.Version.Next());
        }));

        results.Count(r => r).ShouldBe(1);
        var after = await setup.ReadAllAsync();
        after.Version.Version.ShouldBe(read.Version.Version + 1);
        after.Members.Count(m => m.Item1.Status == SiloStatus.ShuttingDown).ShouldBe(1);
    }

    [Fact]
    public async Task A_heartbeat_moves_the_silo_time_but_not_the_version()
    {
        var table = await CreateAsync(await ClusterDatabase.CreateMigratedAsync(), "c1");
        var entry = Entry(11111, SiloStatus.Active);
        await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next());
        var later = entry.StartTime.AddSeconds(5);

        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = later });

        var after = await table.ReadRowAsync(entry.SiloAddress);
        after.Version.Version.ShouldBe(1);
        after.Members.ShouldHaveSingleItem().Item1.IAmAliveTime.ShouldBe(later);
    }

    [Fact]
    public async Task Gateways_are_the_active_silos_with_a_gateway_port()
    {
        var connectionString = await ClusterDatabase.CreateMigratedAsync();
        var table = await CreateAsync(connectionString, "c1");
        var gateway = Entry(11111, SiloStatus.Active, proxyPort: 30001);
        foreach (var entry in new[] { gateway, Entry(11112, SiloStatus.Active), Entry(11113, SiloStatus.Joining, proxyPort: 30003), Entry(11114, SiloStatus.Dead, proxyPort: 30004) })
        {
            await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next());
        }

        var other = await CreateAsync(connectionString, "c2");
        await other.InsertRowAsync(Entry(11115, SiloStatus.Active, proxyPort: 30005), (await other.ReadAllAsync()).Version.Next());

        var gateways = await (await CreateGatewayListAsync(connectionString, "c1")).GetGateways();

        gateways.ShouldHaveSingleItem().ShouldBe(SiloAddress.New(IPAddress.Loopback, 30001, gateway.SiloAddress.Generation).ToGatewayUri());
    }

    [Fact]
    public async Task Clean_up_removes_dead_silos_last_heard_of_before_the_cut_off_and_nothing_else()
    {
        var connectionString = await ClusterDatabase.CreateMigratedAsync();
        var table = await CreateAsync(connectionString, "c1");
        var cutOff = WholeMilliseconds(DateTime.UtcNow);
        var old = cutOff.AddHours(-2);
        var oldDead = Entry(11111, SiloStatus.Dead, old);
        var oldActive = Entry(11112, SiloStatus.Active, old);
        var oldDeadRecentlyVoted = Entry(11113, SiloStatus.Dead, old);
        oldDeadRecentlyVoted.AddSuspector(oldActive.SiloAddress, old);
        oldDeadRecentlyVoted.AddSuspector(SiloAddress.New(IPAddress.Loopback, 11119, 5), cutOff.AddMinutes(1));
        var recentDead = Entry(11114, SiloStatus.Dead, cutOff.AddMinutes(1));
        foreach (var entry in new[] { oldDead, oldActive, oldDeadRecentlyVoted, recentDead })
        {
            await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next());
        }

        // Votes are written by updates, not inserts.
        var read = await table.ReadAllAsync();
        (await table.UpdateRowAsync(oldDeadRecentlyVoted, read.Version.VersionEtag, read.Version.Next())).ShouldBeTrue();
        var other = await CreateAsync(connectionString, "c2");
        await other.InsertRowAsync(Entry(11115, SiloStatus.Dead, old), (await other.ReadAllAsync()).Version.Next());

        await table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(cutOff));

        var remaining = (await table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress).ToList();
        remaining.ShouldBe([oldActive.SiloAddress, oldDeadRecentlyVoted.SiloAddress, recentDead.SiloAddress], ignoreOrder: true);
        (await other.ReadAllAsync()).Members.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Deleting_a_deployment_removes_its_silos_and_version_only()
    {
        var connectionString = await ClusterDatabase.CreateMigratedAsync();
        var table = await CreateAsync(connectionString, "c1");
        await table.InsertRowAsync(Entry(11111, SiloStatus.Active), (await table.ReadAllAsync()).Version.Next());
        var other = await CreateAsync(connectionString, "c2");
        await other.InsertRowAsync(Entry(11112, SiloStatus.Active), (await other.ReadAllAsync()).Version.Next());

        await table.DeleteMembershipTableEntriesAsync("c1");

        (await ClusterDatabase.ScalarAsync<long>(connectionString, "select count(*) from orleans_membership where deployment_id = 'c1'")).ShouldBe(0);
        (await ClusterDatabase.ScalarAsync<long>(connectionString, "select count(*) from orleans_membership_version where deployment_id = 'c1'")).ShouldBe(0);
        (await other.ReadAllAsync()).Members.ShouldHaveSingleItem();
    }
}
