using CityActors.GrainInterfaces.Serialization;
using CityActors.Grains.PostgreSql;
using CityActors.PostgreSql;
using CityActors.PostgreSql.Deadlines;
using CityActors.PostgreSql.Hosting;
using CityActors.PostgreSql.Journals;
using CityActors.PostgreSql.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.Silo.Hosting;

public static class PostgreSqlModeExtensions
{
    /// <summary>
    /// Clustered mode: Orleans' AdoNet membership and reminders on our schema (checked or migrated at start), grain
    /// state with group commit, case journals and their feed, deadlines and the case read model, all in the one
    /// PostgreSQL database named by <paramref name="connectionString"/>.
    /// </summary>
    public static ISiloBuilder UseCityActorsPostgreSql(this ISiloBuilder silo, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        silo.UseCityActorsPostgreSqlClustering(connectionString);
        silo.UseCityActorsPostgreSqlReminders(connectionString);
        silo.AddCityActorsPostgreSqlGrainStorageAsDefault(o =>
        {
            o.ConnectionString = connectionString;
            o.JsonSerializerOptions = DomainSerialization.Json;
        });
        silo.AddCityActorsPostgreSqlJournal(connectionString);
        silo.AddCityActorsPostgreSqlDeadlineTable(connectionString);
        silo.Services.AddCityActorsPostgreSqlDataSources();
        silo.Services.AddPostgreSqlCaseReadModel(sp => sp.GetRequiredService<PostgresDataSourceProvider>().GetDataSource(connectionString));
        return silo;
    }
}
