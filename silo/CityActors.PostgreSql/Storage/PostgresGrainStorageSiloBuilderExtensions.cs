using Microsoft.Extensions.Options;
using Orleans.Hosting;

namespace CityActors.PostgreSql.Storage;

/// <summary>Adds <see cref="PostgresGrainStorage"/> providers to a silo, the way Orleans' own storage providers are added.</summary>
public static class PostgresGrainStorageSiloBuilderExtensions
{
    /// <summary>Adds a PostgreSQL grain storage named <paramref name="name"/> (the name grains give in <c>[PersistentState(stateName, name)]</c>).</summary>
    public static ISiloBuilder AddCityActorsPostgreSqlGrainStorage(this ISiloBuilder builder, string name, Action<PostgresGrainStorageOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCityActorsPostgreSqlGrainStorage(name, configureOptions);
        return builder;
    }

    /// <summary>Adds a PostgreSQL grain storage as the default ("Default"), used by states that name no provider.</summary>
    public static ISiloBuilder AddCityActorsPostgreSqlGrainStorageAsDefault(this ISiloBuilder builder, Action<PostgresGrainStorageOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCityActorsPostgreSqlGrainStorageAsDefault(configureOptions);
        return builder;
    }

    /// <summary>Adds a PostgreSQL grain storage named <paramref name="name"/>, configured through an options builder (for example bound to configuration).</summary>
    public static ISiloBuilder AddCityActorsPostgreSqlGrainStorage(this ISiloBuilder builder, string name, Action<OptionsBuilder<PostgresGrainStorageOptions>>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCityActorsPostgreSqlGrainStorage(name, configureOptions);
        return builder;
    }

    /// <summary>Adds a PostgreSQL grain storage as the default, configured through an options builder (for example bound to configuration).</summary>
    public static ISiloBuilder AddCityActorsPostgreSqlGrainStorageAsDefault(this ISiloBuilder builder, Action<OptionsBuilder<PostgresGrainStorageOptions>>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCityActorsPostgreSqlGrainStorageAsDefault(configureOptions);
        return builder;
    }
}
