using CityActors.Grains.PostgreSql;
using CityActors.PostgreSql;
using CityActors.PostgreSql.Schema;
using Npgsql;

namespace CityActors.Silo;

/// <summary>Operator commands for clustered mode, run instead of the silo.</summary>
internal static class ClusterCommands
{
    /// <summary>
    /// "migrate [connection-string]": creates or upgrades the cluster schema (the connection string defaults to the
    /// CITYACTORS__POSTGRESQL__CONNECTIONSTRING environment variable). Returns the exit code, or null for other commands.
    /// </summary>
    public static async Task<int?> TryRunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] != "migrate")
        {
            return null;
        }

        var connectionString = args.Length > 1 ? args[1] : Environment.GetEnvironmentVariable("CITYACTORS__POSTGRESQL__CONNECTIONSTRING");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await error.WriteLineAsync("usage: migrate <connection-string>  (or set CITYACTORS__POSTGRESQL__CONNECTIONSTRING)").ConfigureAwait(false);
            return 2;
        }

        try
        {
            var applied = await SchemaMigrator.MigrateDatabaseAsync(connectionString).ConfigureAwait(false);
            await output.WriteLineAsync(applied.Count == 0
                ? $"Schema already at version {SchemaMigrator.LatestVersion}."
                : $"Applied schema version(s) {string.Join(", ", applied)}; now at {SchemaMigrator.LatestVersion}.").ConfigureAwait(false);
            await using (var dataSource = NpgsqlDataSource.Create(connectionString))
            {
                await new PostgresCaseViewStore(dataSource).EnsureSchemaAsync(CancellationToken.None).ConfigureAwait(false);
            }

            await output.WriteLineAsync("Case read model tables are in place.").ConfigureAwait(false);
            return 0;
        }
        catch (ClusterConfigurationException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 1;
        }
    }
}
