using CityActors.PostgreSql.Cluster;
using CityActors.PostgreSql.Schema;
using CityActors.PostgreSql.Storage;
using CityActors.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CityActors.PostgreSql;

/// <summary>Clustered mode on PostgreSQL.</summary>
public static class PostgresSiloBuilderExtensions
{
    /// <summary>
    /// Runs the silo clustered on the PostgreSQL database of "CityActors:PostgreSql:ConnectionString" (or
    /// <paramref name="connectionString"/>): membership and shard leases, the "Default" grain storage, journals and
    /// reminders all live there, every write fenced by the shard lease. The schema is created or upgraded at start
    /// unless "ApplySchema" is false, in which case an outdated schema stops the silo with instructions.
    /// </summary>
    public static SiloBuilder UsePostgreSqlClustering(this SiloBuilder silo, string? connectionString = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var options = silo.Services.AddOptions<PostgresOptions>().Bind(silo.Configuration.GetSection(PostgresOptions.SectionName));
        if (connectionString is not null)
        {
            options.Configure(o => o.ConnectionString = connectionString);
        }

        options.Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), $"{PostgresOptions.SectionName}:ConnectionString must be set to run a clustered silo.")
            .ValidateOnStart();
        silo.Services.TryAddSingleton(sp => PostgresDatabase.Create(sp.GetRequiredService<IOptions<PostgresOptions>>().Value.ConnectionString));
        silo.Services.RemoveAllKeyed<IGrainStorage>(GrainStorageNames.Default);
        silo.Services.AddKeyedSingleton<IGrainStorage>(GrainStorageNames.Default, (sp, _) => new PostgresGrainStorage(sp.GetRequiredService<PostgresDatabase>()));
        silo.Services.RemoveAll<IJournalStorage>();
        silo.Services.AddSingleton<IJournalStorage>(sp => new PostgresJournalStorage(sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<TimeProvider>()));
        silo.Services.RemoveAll<IReminderTable>();
        silo.Services.AddSingleton<IReminderTable>(sp => new PostgresReminderTable(sp.GetRequiredService<PostgresDatabase>()));
        silo.UseClustering(sp => new PostgresMembershipStore(
            sp.GetRequiredService<PostgresDatabase>(),
            sp.GetRequiredService<IOptions<PostgresOptions>>().Value.ApplySchema));
        return silo;
    }

    /// <summary>Adds another named grain storage in the cluster database.</summary>
    public static SiloBuilder AddPostgreSqlGrainStorage(this SiloBuilder silo, string name)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        silo.Services.RemoveAllKeyed<IGrainStorage>(name);
        silo.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new PostgresGrainStorage(sp.GetRequiredService<PostgresDatabase>()));
        return silo;
    }

    /// <summary>Applies pending schema scripts (the silo's "migrate" command for operators); returns the versions applied.</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var database = PostgresDatabase.Create(connectionString);
        return await new SchemaMigrator(database).MigrateAsync(cancellationToken).ConfigureAwait(false);
    }
}
