using CityActors.Deadlines;
using CityActors.Journals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;

namespace CityActors.PostgreSql.Journals;

/// <summary>Registers <see cref="PostgresEventJournal"/> as the silo's <see cref="IEventJournal"/> and <see cref="IJournalFeed"/>.</summary>
public static class PostgresEventJournalServiceCollectionExtensions
{
    /// <summary>
    /// Journals and their feed in the database of <paramref name="connectionString"/> (schema script 004), on the silo's
    /// shared pool for it. Replaces any journal registered before (for example the in-memory one). With the deadline
    /// table in the same database, a journal append and its deadline changes commit in one transaction.
    /// </summary>
    public static IServiceCollection AddCityActorsPostgreSqlJournal(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddCityActorsPostgreSqlDataSources();
        services.RemoveAll<PostgresEventJournal>();
        services.RemoveAll<IEventJournal>();
        services.RemoveAll<IJournalFeed>();
        services.AddSingleton(sp => new PostgresEventJournal(
            sp.GetRequiredService<PostgresDataSourceProvider>().GetDataSource(connectionString),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<PostgresEventJournal>>()));
        services.AddSingleton<IEventJournal>(sp => sp.GetRequiredService<PostgresEventJournal>());
        services.AddSingleton<IJournalFeed>(sp => sp.GetRequiredService<PostgresEventJournal>());
        services.Replace(ServiceDescriptor.Singleton<IJournalWithDeadlines>(JournalWithDeadlinesFactory.Create));
        return services;
    }

    /// <inheritdoc cref="AddCityActorsPostgreSqlJournal(IServiceCollection, string)"/>
    public static ISiloBuilder AddCityActorsPostgreSqlJournal(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCityActorsPostgreSqlJournal(connectionString);
        return builder;
    }
}
