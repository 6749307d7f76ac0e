using Npgsql;
using NpgsqlTypes;

namespace CityActors.PostgreSql.Storage;

/// <summary>The cluster's PostgreSQL data source plus the SQL every fenced write shares.</summary>
public sealed class PostgresDatabase(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    /// <summary>
    /// Locks the shard's lease row in share mode if (and only if) it is still at the writer's epoch and unexpired. A
    /// concurrent claim (which updates that row) then waits for the write's transaction, and a write that starts after
    /// a claim sees the new epoch and finds no row: a stale owner can never commit. Parameters: $1 shard, $2 epoch.
    /// </summary>
    internal const string FenceCte = "fence as (select 1 from shard_lease where shard = $1 and epoch = $2 and expires_at > now() for share)";

    /// <summary>
    /// The same rule for a batch: the rows of an <c>input</c> CTE (with shard and epoch columns) whose lease is still
    /// at their epoch and unexpired, lease rows share-locked in shard order (as every lease update locks them) so
    /// batches and lease maintenance cannot deadlock. Rows missing from <c>fenced</c> were refused.
    /// </summary>
    internal const string FencedInputCte = """
        fenced as (
            select i.* from input i
            join shard_lease l on l.shard = i.shard and l.epoch = i.epoch and l.expires_at > now()
            order by l.shard
            for share of l)
        """;

    public NpgsqlDataSource DataSource { get; } = dataSource;

    public static PostgresDatabase Create(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new PostgresDatabase(NpgsqlDataSource.Create(connectionString));
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    internal NpgsqlCommand Command(string sql, FencingToken fence)
    {
        var command = DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = fence.Shard, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fence.Epoch, NpgsqlDbType = NpgsqlDbType.Bigint });
        return command;
    }

    internal NpgsqlCommand Command(string sql) => DataSource.CreateCommand(sql);

    internal static void Add<T>(NpgsqlCommand command, T value, NpgsqlDbType type) =>
        command.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value, NpgsqlDbType = type });

    internal static ShardOwnershipLostException Fenced(FencingToken fence, string what) =>
        new($"{what} was refused: this silo no longer owns shard {fence.Shard} at epoch {fence.Epoch} (another silo took it over). Nothing was written.");
}
