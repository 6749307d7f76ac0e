using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;

namespace CityActors.PostgreSql.Storage;

/// <summary>Registers <see cref="PostgresGrainStorage"/> providers on a service collection, the way Orleans registers its own.</summary>
public static class PostgresGrainStorageServiceCollectionExtensions
{
    /// <summary>Adds a PostgreSQL grain storage named <paramref name="name"/> (the name grains give in <c>[PersistentState(stateName, name)]</c>).</summary>
    public static IServiceCollection AddCityActorsPostgreSqlGrainStorage(this IServiceCollection services, string name, Action<PostgresGrainStorageOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(configureOptions);
        return services.AddCityActorsPostgreSqlGrainStorage(name, ob => ob.Configure(configureOptions));
    }

    /// <summary>Adds a PostgreSQL grain storage as the default ("Default"), used by states that name no provider.</summary>
    public static IServiceCollection AddCityActorsPostgreSqlGrainStorageAsDefault(this IServiceCollection services, Action<PostgresGrainStorageOptions> configureOptions) =>
        services.AddCityActorsPostgreSqlGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    /// <summary>Adds a PostgreSQL grain storage as the default, configured through an options builder (for example bound to configuration).</summary>
    public static IServiceCollection AddCityActorsPostgreSqlGrainStorageAsDefault(this IServiceCollection services, Action<OptionsBuilder<PostgresGrainStorageOptions>>? configureOptions = null) =>
        services.AddCityActorsPostgreSqlGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    /// <summary>Adds a PostgreSQL grain storage named <paramref name="name"/>, configured through an options builder (for example bound to configuration).</summary>
    public static IServiceCollection AddCityActorsPostgreSqlGrainStorage(this IServiceCollection services, string name, Action<OptionsBuilder<PostgresGrainStorageOptions>>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        configureOptions?.Invoke(services.AddOptions<PostgresGrainStorageOptions>(name));
        services.AddCityActorsPostgreSqlDataSources();
        services.AddTransient<IConfigurationValidator>(sp =>
            new PostgresGrainStorageOptionsValidator(sp.GetRequiredService<IOptionsMonitor<PostgresGrainStorageOptions>>().Get(name), name));
        return services.AddGrainStorage(name, Create);
    }

    private static PostgresGrainStorage Create(IServiceProvider services, string name)
    {
        var options = services.GetRequiredService<IOptionsMonitor<PostgresGrainStorageOptions>>().Get(name);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new OrleansConfigurationException($"Grain storage '{name}' needs {nameof(PostgresGrainStorageOptions)}.{nameof(options.ConnectionString)}.");
        }

        return new PostgresGrainStorage(
            name,
            options,
            services.GetRequiredService<PostgresDataSourceProvider>().GetDataSource(options.ConnectionString),
            services.GetRequiredService<IActivatorProvider>(),
            services.GetRequiredService<ILogger<PostgresGrainStorage>>());
    }
}
