using CityActors.Testing;
using Npgsql;

namespace CityActors.LoadTests.Hosting;

/// <summary>
/// A throwaway PostgreSQL server for one benchmark run (<see cref="PostgresServer"/>: the machine's binaries, fsync
/// and synchronous commit off, max_connections 400), stopped and deleted when disposed.
/// </summary>
public sealed class BenchmarkDatabase : IAsyncDisposable
{
    /// <summary>How long a baseline's caller may wait for a free pooled connection before its call fails.</summary>
    private const int PoolWaitSeconds = 120;

    private readonly PostgresServer _server;

    private BenchmarkDatabase(PostgresServer server) => _server = server;

    public static async Task<BenchmarkDatabase> StartAsync() => new(await PostgresServer.StartAsync().ConfigureAwait(false));

    /// <summary>
    /// Creates an empty database and returns its connection string without a pool size, so a silo using it gets the
    /// product's default pool (<c>PostgresDataSourceProvider.DefaultMaxPoolSize</c>), as a deployed silo does.
    /// </summary>
    public async Task<string> CreateAsync(string prefix)
    {
        var builder = new NpgsqlConnectionStringBuilder(await _server.CreateDatabaseAsync(prefix).ConfigureAwait(false));
        builder.Remove("Maximum Pool Size");
        return builder.ConnectionString;
    }

    /// <summary>
    /// A data source for a raw baseline: at most <paramref name="maxConnections"/> connections, further callers wait
    /// for one. An unbounded pool per caller is what died with "sorry, too many clients already" at 1,000 callers.
    /// Statements are prepared automatically and pooled connections are not reset, as in the product's data sources, so
    /// a baseline is not slowed by parsing or resetting what the product spares itself.
    /// </summary>
    public static NpgsqlDataSource BoundedPool(string connectionString, int maxConnections)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxPoolSize = maxConnections,
            MinPoolSize = 0,
            Timeout = PoolWaitSeconds,
            MaxAutoPrepare = PostgreSql.PostgresDataSourceProvider.DefaultMaxAutoPrepare,
            NoResetOnClose = true,
        };
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    /// <summary>
    /// Vacuums and analyzes the database, so a phase that follows another on the same tables starts without the
    /// autovacuum work the earlier phase's writes left behind (it ran into later phases at unpredictable moments).
    /// </summary>
    public static async Task VacuumAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("vacuum (analyze)");
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
