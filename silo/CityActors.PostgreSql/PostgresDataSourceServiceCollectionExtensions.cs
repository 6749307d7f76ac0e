using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CityActors.PostgreSql;

/// <summary>Registers the silo's shared PostgreSQL connection pools.</summary>
public static class PostgresDataSourceServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="PostgresDataSourceProvider"/> singleton (once, however often it is called). Every CityActors
    /// PostgreSQL provider calls this itself; other code resolves the provider and asks it for the data source of its
    /// connection string, so the silo keeps one pool per database.
    /// </summary>
    public static IServiceCollection AddCityActorsPostgreSqlDataSources(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => new PostgresDataSourceProvider(sp.GetService<ILoggerFactory>()));
        return services;
    }
}
