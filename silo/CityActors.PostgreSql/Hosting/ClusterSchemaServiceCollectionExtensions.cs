using CityActors.PostgreSql.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace CityActors.PostgreSql.Hosting;

/// <summary>Registers the cluster database schema: a <see cref="SchemaMigrator"/> and the silo start-up step that runs it.</summary>
public static class ClusterSchemaServiceCollectionExtensions
{
    /// <summary>
    /// Makes the silo migrate or check the schema of the cluster database at <paramref name="connectionString"/> before
    /// anything reads it (see <see cref="SchemaStartupCheck"/>), and registers <see cref="SchemaMigrator"/> for that
    /// database. Idempotent; every caller must name the same database (host, port and database name).
    /// </summary>
    /// <exception cref="InvalidOperationException">An earlier call named another database.</exception>
    public static IServiceCollection AddCityActorsClusterSchema(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        var registered = services
            .Select(d => d.ServiceType == typeof(ClusterSchemaTarget) ? d.ImplementationInstance as ClusterSchemaTarget : null)
            .FirstOrDefault(t => t is not null);
        if (registered is not null)
        {
            if (!registered.IsSameDatabase(connectionString))
            {
                throw new InvalidOperationException(
                    $"The cluster schema is already checked on {SchemaMigrator.Describe(registered.ConnectionString)}; "
                    + $"clustering, reminders and storage must share that database, not {SchemaMigrator.Describe(connectionString)}.");
            }

            return services;
        }

        services.AddSingleton(new ClusterSchemaTarget(connectionString));
        services.AddOptions<PostgresOptions>().BindConfiguration(PostgresOptions.SectionName);
        services.AddCityActorsPostgreSqlDataSources();
        services.TryAddSingleton(provider => new SchemaMigrator(
            provider.GetRequiredService<PostgresDataSourceProvider>().GetDataSource(provider.GetRequiredService<ClusterSchemaTarget>().ConnectionString),
            provider.GetRequiredService<ILogger<SchemaMigrator>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, SchemaStartupCheck>());
        return services;
    }
}
