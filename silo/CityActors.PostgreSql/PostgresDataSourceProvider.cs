using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CityActors.PostgreSql;

/// <summary>
/// The silo's PostgreSQL connection pools: one <see cref="NpgsqlDataSource"/> per connection string, shared by every
/// provider that names that connection string (grain storage, journals, deadlines...). Register it once per silo with
/// <see cref="PostgresDataSourceServiceCollectionExtensions.AddCityActorsPostgreSqlDataSources"/>; the data sources
/// are closed when the silo's service provider is disposed.
/// </summary>
/// <remarks>
/// A connection string that does not say "Maximum Pool Size" gets <see cref="DefaultMaxPoolSize"/>: the group-commit
/// batchers keep only a few statements in flight, so a handful of connections carries any number of callers, and a
/// small pool keeps many silos under the server's max_connections. When the pool is busy, further work waits for a
/// free connection instead of opening more. The default leaves room beside the batchers' fixed share (grain storage
/// 4 write and 2 read batches, journal 4 append batches and its notification connection) for membership, reminders
/// and the other providers that use the same pool, so none of them queues behind group commit.
/// <para>A connection string that does not say "Max Auto Prepare" gets <see cref="DefaultMaxAutoPrepare"/>: every
/// statement of ours has fixed text (batches travel as arrays), so each connection prepares the ones it runs often
/// and PostgreSQL stops parsing and planning them on every call (parsing and planning took about a tenth of the
/// server's CPU in the clustered case-lifecycle benchmark).</para>
/// <para>A connection string that does not say "No Reset On Close" gets it on: our statements leave no session state
/// behind (no SET, no temporary tables, advisory locks only for their transaction), so a connection handed back to
/// the pool needs no reset. Left off, Npgsql sends seven resetting statements (RESET ALL, CLOSE ALL, UNLISTEN *...)
/// before the next command of every pooled connection, about as many statements as the group commits themselves run.
/// The journal feed's listener is the one connection with session state (LISTEN); it is held open for the silo's
/// life.</para>
/// </remarks>
public sealed class PostgresDataSourceProvider(ILoggerFactory? loggerFactory = null) : IAsyncDisposable
{
    /// <summary>Pool size used when the connection string does not set one.</summary>
    public const int DefaultMaxPoolSize = 16;

    /// <summary>Statements each connection keeps prepared when the connection string does not say.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    // Npgsql accepts these spellings of the pool size keyword (compared without spaces, ignoring case).
    private static readonly string[] PoolSizeKeywords = ["maxpoolsize", "maximumpoolsize"];
    private static readonly string[] AutoPrepareKeywords = ["maxautoprepare"];
    private static readonly string[] NoResetKeywords = ["noresetonclose"];

    private readonly ConcurrentDictionary<string, Lazy<NpgsqlDataSource>> _dataSources = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>The data source for <paramref name="connectionString"/>, created on first use.</summary>
    /// <exception cref="ArgumentException">The connection string is empty or not a valid Npgsql connection string.</exception>
    public NpgsqlDataSource GetDataSource(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _dataSources.GetOrAdd(connectionString, cs => new Lazy<NpgsqlDataSource>(() => Create(cs))).Value;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var dataSource in _dataSources.Values.Where(d => d.IsValueCreated))
        {
            await dataSource.Value.DisposeAsync().ConfigureAwait(false);
        }
    }

    private NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (!Sets(connectionString, PoolSizeKeywords))
        {
            builder.ConnectionStringBuilder.MaxPoolSize = DefaultMaxPoolSize;
        }

        if (!Sets(connectionString, AutoPrepareKeywords))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (!Sets(connectionString, NoResetKeywords))
        {
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        if (loggerFactory is not null)
        {
            builder.UseLoggerFactory(loggerFactory);
        }

        return builder.Build();
    }

    private static bool Sets(string connectionString, string[] keywords)
    {
        var parsed = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return parsed.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal))
            .Any(k => keywords.Contains(k, StringComparer.OrdinalIgnoreCase));
    }
}
