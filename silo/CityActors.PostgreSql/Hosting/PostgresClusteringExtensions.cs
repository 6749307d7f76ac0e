using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace CityActors.PostgreSql.Hosting;

/// <summary>Orleans cluster membership in the PostgreSQL cluster database, through Orleans' AdoNet clustering provider.</summary>
public static class PostgresClusteringExtensions
{
    /// <summary>
    /// Keeps this silo's cluster membership in the cluster database at <paramref name="connectionString"/>, through the
    /// silo's shared pool for it (<see cref="PostgresDataSourceProvider"/>): checks or migrates its schema before the silo
    /// starts (see <see cref="ClusterSchemaServiceCollectionExtensions.AddCityActorsClusterSchema"/>), and applies the
    /// failure-detection settings of <see cref="ClusterMembershipDefaults"/>.
    /// </summary>
    public static ISiloBuilder UseCityActorsPostgreSqlClustering(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        builder.Services.AddCityActorsClusterSchema(connectionString);
        ClusterMembershipDefaults.AddTo(builder.Services, builder.Configuration);

        // Through the silo's shared pool for this database rather than a pool of the provider's own.
        return builder.UseAdoNetClustering(options => options.Configure<PostgresDataSourceProvider>((o, pools) =>
        {
            o.Invariant = OrleansAdoNet.Invariant;
            o.DataSource = pools.GetDataSource(connectionString);
        }));
    }

    /// <summary>
    /// Lets a client find gateways in the cluster database at <paramref name="connectionString"/> (active silos with a
    /// gateway port). Clients normally list gateways statically instead and need no database credentials; this
    /// neither checks nor migrates the schema, which the silos own.
    /// </summary>
    public static IClientBuilder UseCityActorsPostgreSqlClustering(this IClientBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        return builder.UseAdoNetClustering(options =>
        {
            options.Invariant = OrleansAdoNet.Invariant;
            options.ConnectionString = connectionString;
        });
    }
}
