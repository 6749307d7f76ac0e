using CityActors.PostgreSql.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Serialization;
using Orleans.Storage;

namespace CityActors.PostgreSql.Tests.Storage;

public sealed class PostgresGrainStorageRegistrationTests
{
    private const string Database = "Host=127.0.0.1;Username=silo;Database=city";

    [Fact]
    public async Task The_default_storage_is_also_the_unkeyed_grain_storage()
    {
        var services = new ServiceCollection().AddLogging().AddSerializer();
        services.AddCityActorsPostgreSqlGrainStorageAsDefault(o => o.ConnectionString = Database);
        await using var provider = services.BuildServiceProvider();

        var storage = provider.GetRequiredService<IGrainStorage>();

        storage.ShouldBeOfType<PostgresGrainStorage>();
        storage.ShouldBeSameAs(provider.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
    }

    [Fact]
    public async Task Named_storages_on_one_database_share_the_silo_pool()
    {
        var services = new ServiceCollection().AddLogging().AddSerializer();
        services.AddCityActorsPostgreSqlGrainStorage("cases", o => o.ConnectionString = Database);
        services.AddCityActorsPostgreSqlGrainStorage("rosters", o => o.ConnectionString = Database);
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredKeyedService<IGrainStorage>("cases").ShouldNotBeSameAs(provider.GetRequiredKeyedService<IGrainStorage>("rosters"));

        provider.GetServices<PostgresDataSourceProvider>().Count().ShouldBe(1);
    }

    [Fact]
    public async Task A_storage_without_connection_string_is_refused_by_name()
    {
        var services = new ServiceCollection().AddLogging().AddSerializer();
        services.AddCityActorsPostgreSqlGrainStorage("cases", (PostgresGrainStorageOptions _) => { });
        await using var provider = services.BuildServiceProvider();

        var validation = Should.Throw<Orleans.Runtime.OrleansConfigurationException>(
            () => provider.GetServices<Orleans.IConfigurationValidator>().ToList().ForEach(v => v.ValidateConfiguration()));

        validation.Message.ShouldContain("'cases'");
    }
}
