using CityActors.Deadlines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using CityActors.PostgreSql.Journals;

namespace CityActors.PostgreSql.Deadlines;

/// <summary>Puts a silo's deadlines (<see cref="DeadlineSiloBuilderExtensions.AddCityActorsDeadlines"/>) in PostgreSQL.</summary>
public static class PostgresDeadlineSiloBuilderExtensions
{
    /// <summary>
    /// Keeps deadlines in the deadline table of the database at <paramref name="connectionString"/> (created by schema
    /// migration 005), through the silo's shared pool for that database. Call it before or after
    /// <c>AddCityActorsDeadlines</c>; it replaces the in-memory table either way. With the journal in the same database
    /// (<c>AddCityActorsPostgreSqlJournal</c> with the same connection string), a journal append and its deadline
    /// changes commit in one transaction.
    /// </summary>
    public static ISiloBuilder AddCityActorsPostgreSqlDeadlineTable(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.AddCityActorsPostgreSqlDataSources();
        builder.Services.Replace(ServiceDescriptor.Singleton<IDeadlineTable>(
            sp => new PostgresDeadlineTable(sp.GetRequiredService<PostgresDataSourceProvider>().GetDataSource(connectionString))));
        builder.Services.Replace(ServiceDescriptor.Singleton<IJournalWithDeadlines>(JournalWithDeadlinesFactory.Create));
        return builder;
    }
}
