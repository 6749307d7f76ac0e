using CityActors.PostgreSql.Storage;
using Orleans.TestingHost;

namespace CityActors.PostgreSql.Tests.Storage;

/// <summary>Grains of a real Orleans silo keeping <c>[PersistentState]</c> in the PostgreSQL grain storage.</summary>
public sealed class SiloPersistenceTests : IAsyncLifetime
{
    private MigratedDatabase _database = null!;

    public async Task InitializeAsync() => _database = await MigratedDatabase.CreateAsync("silo");

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Persistent_state_survives_deactivation_and_a_restart_of_the_cluster()
    {
        await using (var cluster = await StartClusterAsync())
        {
            var parcel = cluster.Client.GetGrain<IParcelGrain>("p1");
            await parcel.TagAsync("surveyed");
            await parcel.TagAsync("fenced");

            await cluster.DeactivateAsync(parcel.GetGrainId());

            (await parcel.GetTagsAsync()).ShouldBe(["surveyed", "fenced"]);
        }

        (await _database.ScalarAsync<long>("select version from grain_state where grain_key = 'p1' and state_name = 'parcel'")).ShouldBe(2);
        await using (var restarted = await StartClusterAsync())
        {
            var parcel = restarted.Client.GetGrain<IParcelGrain>("p1");
            (await parcel.GetTagsAsync()).ShouldBe(["surveyed", "fenced"]);
            await parcel.TagAsync("sold");
        }

        (await _database.ScalarAsync<long>("select version from grain_state where grain_key = 'p1' and state_name = 'parcel'")).ShouldBe(3);
    }

    private async Task<InProcessTestCluster> StartClusterAsync()
    {
        var connectionString = _database.ConnectionString;
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddCityActorsPostgreSqlGrainStorage(StorageHost.ProviderName, o => o.ConnectionString = connectionString));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
