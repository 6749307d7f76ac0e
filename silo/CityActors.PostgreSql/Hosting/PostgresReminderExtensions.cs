using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace CityActors.PostgreSql.Hosting;

/// <summary>Orleans' own reminder service with its table in the PostgreSQL cluster database, through the AdoNet reminder provider.</summary>
public static class PostgresReminderExtensions
{
    /// <summary>
    /// Keeps Orleans reminders in the cluster database at <paramref name="connectionString"/>, through the silo's shared
    /// pool for it (<see cref="PostgresDataSourceProvider"/>), checking or migrating its schema before the silo starts (see <see cref="ClusterSchemaServiceCollectionExtensions.AddCityActorsClusterSchema"/>).
    /// Reminders are keyed by the cluster's ServiceId.
    /// </summary>
    public static ISiloBuilder UseCityActorsPostgreSqlReminders(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        builder.Services.AddCityActorsClusterSchema(connectionString);

        // Through the silo's shared pool for this database rather than a pool of the provider's own.
        return builder.UseAdoNetReminderService(options => options.Configure<PostgresDataSourceProvider>((o, pools) =>
        {
            o.Invariant = OrleansAdoNet.Invariant;
            o.DataSource = pools.GetDataSource(connectionString);
        }));
    }
}
