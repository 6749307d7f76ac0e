using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CityActors.PostgreSql.Schema;

/// <summary>
/// Creates and upgrades the cluster database schema from the versioned scripts embedded in this assembly (NNN_name.sql), one
/// transaction per script, recorded in cityactors_schema. Concurrent silos serialize on an advisory lock, so any
/// number may start at once.
/// </summary>
/// <remarks>
/// Every script the database has not recorded is applied, in version order, including one numbered below scripts
/// already applied: version numbers may have gaps and a lower-numbered script may arrive in a later build.
/// A silo resolves it from DI (registered by <c>AddCityActorsClusterSchema</c> on the silo's shared pool for the
/// cluster database); the "migrate" command uses <see cref="MigrateDatabaseAsync"/>.
/// </remarks>
public sealed partial class SchemaMigrator
{
    // An arbitrary constant shared by every silo: "CA" "SC" (CityActors schema).
    private const long MigrationLockKey = 0x4341_5343;

    private static readonly IReadOnlyList<SchemaScript> Scripts = LoadScripts();

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<SchemaMigrator> _logger;

    /// <summary>A migrator working through <paramref name="dataSource"/>, logging the scripts it applies.</summary>
    public SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(logger);
        _dataSource = dataSource;
        _logger = logger;
    }

    /// <summary>A migrator working through <paramref name="dataSource"/>, without logging.</summary>
    public SchemaMigrator(NpgsqlDataSource dataSource)
        : this(dataSource, NullLogger<SchemaMigrator>.Instance)
    {
    }

    /// <summary>The schema version this build writes and expects.</summary>
    public static int LatestVersion => Scripts[^1].Version;

    /// <summary>The scripts of this build, in version order.</summary>
    public static IReadOnlyList<SchemaScript> AllScripts => Scripts;

    /// <summary>Migrates the database of <paramref name="connectionString"/>: the "migrate" command.</summary>
    /// <returns>The versions applied, in order; empty when the database was current.</returns>
    /// <exception cref="ClusterConfigurationException">The database is unreachable or newer than this build.</exception>
    public static async Task<IReadOnlyList<int>> MigrateDatabaseAsync(
        string connectionString, ILogger<SchemaMigrator>? logger = null, CancellationToken cancellationToken = default)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var migrator = new SchemaMigrator(dataSource, logger ?? NullLogger<SchemaMigrator>.Instance);
        return await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The version the database is at (its highest applied script); 0 for an empty database.</summary>
    public async Task<int> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var applied = await ReadAppliedAsync(connection, null, cancellationToken).ConfigureAwait(false);
        return applied.Count == 0 ? 0 : applied.Max();
    }

    /// <summary>Applies every script the database has not recorded; returns the versions applied.</summary>
    /// <exception cref="ClusterConfigurationException">The database is unreachable or newer than this build.</exception>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var applied = new List<int>();
        while (await ApplyNextAsync(connection, cancellationToken).ConfigureAwait(false) is { } script)
        {
            LogScriptApplied(script.Name);
            applied.Add(script.Version);
        }

        if (applied.Count == 0)
        {
            LogSchemaCurrent(LatestVersion);
        }

        return applied;
    }

    /// <summary>Fails unless the database has every script of this build and none newer; migrates first when <paramref name="apply"/>.</summary>
    /// <exception cref="ClusterConfigurationException">The database is unreachable, outdated (and <paramref name="apply"/> is false) or newer than this build.</exception>
    public async Task EnsureCurrentAsync(bool apply, CancellationToken cancellationToken = default)
    {
        if (apply)
        {
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        IReadOnlySet<int> recorded;
        await using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            recorded = await ReadAppliedAsync(connection, null, cancellationToken).ConfigureAwait(false);
        }

        ThrowIfNewer(recorded);
        var missing = Scripts.Where(s => !recorded.Contains(s.Version)).ToList();
        if (missing.Count == 0)
        {
            LogSchemaCurrent(LatestVersion);
            return;
        }

        var version = recorded.Count == 0 ? 0 : recorded.Max();
        var state = missing[0].Version > version
            ? $"The cluster database schema is at version {version} but this silo needs version {LatestVersion}. "
            : $"The cluster database schema is at version {version} but lacks script(s) {string.Join(", ", missing.Select(s => s.Name))} this silo needs. ";
        throw new ClusterConfigurationException(
            state + $"Run the 'migrate' command of the silo, or set {PostgresOptions.SectionName}:ApplySchema=true to upgrade at start.");
    }

    /// <summary>Host, port, database and user of a connection string, never its password.</summary>
    internal static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"host {builder.Host}, port {builder.Port}, database {builder.Database}, user {builder.Username}";
    }

    private static void ThrowIfNewer(IReadOnlySet<int> recorded)
    {
        var version = recorded.Count == 0 ? 0 : recorded.Max();
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
            return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new ClusterConfigurationException($"Cannot reach the cluster database ({Describe(_dataSource.ConnectionString)}): {ex.Message}", ex);
        }
    }

    /// <summary>
    /// In one transaction holding the migration lock, applies and records the lowest script the database lacks; null
    /// when it lacks none. The state is read again under the lock each time, since another silo may have migrated
    /// meanwhile, and the lock is a transaction lock so that it is released with the transaction whatever happens.
    /// </summary>
    private static async Task<SchemaScript?> ApplyNextAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"select pg_advisory_xact_lock({MigrationLockKey})", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(
            connection,
            transaction,
            "create table if not exists cityactors_schema (version int primary key, name text not null, applied_at timestamptz not null default now())",
            cancellationToken).ConfigureAwait(false);
        var recorded = await ReadAppliedAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        ThrowIfNewer(recorded);
        var script = Scripts.FirstOrDefault(s => !recorded.Contains(s.Version));
        if (script is not null)
        {
            await ExecuteAsync(connection, transaction, script.Sql, cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand("insert into cityactors_schema (version, name) values ($1, $2)", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = script.Version });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = script.Name });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return script;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlySet<int>> ReadAppliedAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("select to_regclass('cityactors_schema') is not null", connection, transaction))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return new HashSet<int>();
            }
        }

        var versions = new HashSet<int>();
        await using var command = new NpgsqlCommand("select version from cityactors_schema", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
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

        // Scripts written in parallel can collide on a number; one of them would never be applied.
        var clash = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new InvalidOperationException($"Schema scripts {string.Join(" and ", clash.Select(s => s.Name))} share version {clash.Key}; renumber one.");
        }

        return scripts;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied cluster database schema script {Script}.")]
    private partial void LogScriptApplied(string script);

    [LoggerMessage(Level = LogLevel.Information, Message = "The cluster database schema is current (version {Version}).")]
    private partial void LogSchemaCurrent(int version);
}

/// <summary>One versioned schema script.</summary>
public sealed record SchemaScript(int Version, string Name, string Sql);
