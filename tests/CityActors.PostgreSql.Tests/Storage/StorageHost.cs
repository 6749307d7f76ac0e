using CityActors.PostgreSql.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace CityActors.PostgreSql.Tests.Storage;

/// <summary>
/// The services one silo would have for a PostgreSQL grain storage named "pg", registered through the public
/// extension methods. Two hosts on one database behave like two silos.
/// </summary>
internal sealed class StorageHost : IAsyncDisposable
{
    public const string ProviderName = "pg";

    private StorageHost(ServiceProvider services)
    {
        Services = services;
        Storage = services.GetRequiredKeyedService<IGrainStorage>(ProviderName);
    }

    public ServiceProvider Services { get; }

    public IGrainStorage Storage { get; }

    public static StorageHost Create(string connectionString, Action<PostgresGrainStorageOptions>? configure = null)
    {
        var services = new ServiceCollection().AddLogging().AddSerializer();
        services.AddCityActorsPostgreSqlGrainStorage(ProviderName, o =>
        {
            o.ConnectionString = connectionString;
            configure?.Invoke(o);
        });
        return new StorageHost(services.BuildServiceProvider());
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
