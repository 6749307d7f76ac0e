using System.Globalization;
using System.Reflection;
using CityActors.PostgreSql.Storage;
using Npgsql;

namespace CityActors.PostgreSql.Schema;

/// <summary>
/// Creates and upgrades the cluster schema from the versioned scripts embedded in this assembly (NNN_name.sql), one
/// transaction per script, recorded in cityactors_schema. Concurrent silos serialize on an advisory lock, so any
/// number may start at once.
/// </summary>
public sealed class SchemaMigrator(PostgresDatabase database)
{
    // An arbitrary constant shared by every silo: "CA" "SC" (CityActors schema).
    private const long MigrationLockKey = 0x4341_5343;

    private static readonly IReadOnlyList<SchemaScript> Scripts = LoadScripts();

    /// <summary>The schema version this build writes and expects.</summary>
    public static int LatestVersion => Scripts[^1].Version;

    public static IReadOnlyList<SchemaScript> AllScripts => Scripts;

    /// <summary>The version the database is at; 0 for an empty database.</summary>
    public async Task<int> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies every script newer than the database's version; returns the versions applied.</summary>
    /// <exception cref="ClusterConfigurationException">The database is newer than this build.</exception>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand($"select pg_advisory_xact_lock({MigrationLockKey})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var table = new NpgsqlCommand(
            "create table if not exists cityactors_schema (version int primary key, name text not null, applied_at timestamptz not null default now())",
            connection,
            transaction))
        {
            await table.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var current = await ReadVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        ThrowIfNewer(current);
        var applied = new List<int>();
        foreach (var script in Scripts.Where(s => s.Version > current))
        {
            await using (var command = new NpgsqlCommand(script.Sql, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var record = new NpgsqlCommand("insert into cityactors_schema (version, name) values ($1, $2)", connection, transaction))
            {
                record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = script.Version });
                record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = script.Name });
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            applied.Add(script.Version);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return applied;
    }

    /// <summary>Fails unless the database is exactly at <see cref="LatestVersion"/>; migrates first when <paramref name="apply"/>.</summary>
    public async Task EnsureCurrentAsync(bool apply, CancellationToken cancellationToken = default)
    {
        if (apply)
        {
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var version = await GetVersionAsync(cancellationToken).ConfigureAwait(false);
        ThrowIfNewer(version);
        if (version < LatestVersion)
        {
            throw new ClusterConfigurationException(
                $"The cluster database schema is at version {version} but this silo needs version {LatestVersion}. "
                + $"Run the 'migrate' command of the silo, or set {PostgresOptions.SectionName}:ApplySchema=true to upgrade at start.");
        }
    }

    private static void ThrowIfNewer(int version)
    {
        if (version > LatestVersion)
        {
            throw new ClusterConfigurationException(
                $"The cluster database schema is at version {version}, newer than the version {LatestVersion} this silo knows. "
                + "Deploy a silo build that matches the database (a newer build upgraded it).");
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new ClusterConfigurationException($"Cannot reach the cluster database ({Describe(database.DataSource.ConnectionString)}): {ex.Message}", ex);
        }
    }

    /// <summary>Host, port and database of a connection string, never its password.</summary>
    internal static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"host {builder.Host}, port {builder.Port}, database {builder.Database}, user {builder.Username}";
    }

    private static async Task<int> ReadVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("select to_regclass('cityactors_schema') is not null", connection, transaction))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return 0;
            }
        }

        await using var command = new NpgsqlCommand("select coalesce(max(version), 0) from cityactors_schema", connection, transaction);
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static List<SchemaScript> LoadScripts()
    {
        var assembly = Assembly.GetExecutingAssembly();
        const string prefix = "CityActors.PostgreSql.Schema.";
        var scripts = new List<SchemaScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var file = resource[prefix.Length..^4];
            var version = int.Parse(file[..file.IndexOf('_', StringComparison.Ordinal)], NumberStyles.None, CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new SchemaScript(version, file, reader.ReadToEnd()));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        return scripts;
    }
}

/// <summary>One versioned schema script.</summary>
public sealed record SchemaScript(int Version, string Name, string Sql);
