using CityActors.PostgreSql.Tests.Schema;
using Microsoft.Extensions.DependencyInjection;
using static CityActors.PostgreSql.Tests.Clustering.MembershipWait;

namespace CityActors.PostgreSql.Tests.Clustering;

/// <summary>Real Orleans silos clustering through the AdoNet membership provider on our schema.</summary>
public sealed class TwoSiloClusterTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Two_silos_form_a_cluster_and_a_call_made_on_one_reaches_a_grain_activated_on_the_other()
    {
        // An empty database: the first silo creates the schema as it starts.
        var connectionString = await ClusterDatabase.CreateEmptyAsync();
        await using var a = await TestSilo.StartNewAsync(connectionString, "c1", "a");
        await using var b = await TestSilo.StartNewAsync(connectionString, "c1", "b");
        await UntilAsync(a, s => ActiveCount(s) == 2, Limit, "two active silos");

        var activatedOn = await b.GrainFactory.GetGrain<IPlacementProbeGrain>("placed-by-b").GetSiloAsync();
        var answeredFrom = await a.GrainFactory.GetGrain<IPlacementProbeGrain>("placed-by-b").GetSiloAsync();

        activatedOn.ShouldBe(b.Address);
        answeredFrom.ShouldBe(b.Address);
        (await ClusterDatabase.ScalarAsync<long>(connectionString, "select count(*) from orleans_membership where deployment_id = 'c1' and status = 3"))
            .ShouldBe(2);
    }

    [Fact]
    public async Task A_stopped_silo_is_dead_in_the_table_and_clean_up_removes_it_once_old_enough()
    {
        var connectionString = await ClusterDatabase.CreateMigratedAsync();
        await using var a = await TestSilo.StartNewAsync(connectionString, "c1", "a");
        await using var b = await TestSilo.StartNewAsync(connectionString, "c1", "b");
        var bAddress = b.Address;
        await UntilAsync(a, s => ActiveCount(s) == 2, Limit, "two active silos");

        await b.DisposeAsync();
        await UntilAsync(a, s => s.GetSiloStatus(bAddress) == SiloStatus.Dead, Limit, "b dead");

        var statusOfB = await ClusterDatabase.ScalarAsync<int>(connectionString, $"select status from orleans_membership where port = {bAddress.Endpoint.Port}");
        statusOfB.ShouldBe((int)SiloStatus.Dead);

        var table = a.Services.GetRequiredService<IMembershipTable>();
        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddMinutes(-10));
        var afterEarlyCutOff = await table.ReadAllAsync();
        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddMinutes(10));
        var afterLateCutOff = await table.ReadAllAsync();

        afterEarlyCutOff.Members.Count.ShouldBe(2);
        afterLateCutOff.Members.ShouldHaveSingleItem().Item1.SiloAddress.ShouldBe(a.Address);
    }
}
