using CityActors.Deadlines;
using CityActors.LoadTests.Grains;
using Npgsql;
using NpgsqlTypes;

namespace CityActors.LoadTests.Setup;

/// <summary>
/// Puts many pending deadlines straight into the cluster's deadline table (schema script 005), as the deadline service
/// would have written them, far faster than a million <c>IDeadlines.SetAsync</c> calls: rows are binary-copied into a
/// staging table with their offsets in the schedule, then inserted in one statement due from an instant fixed just
/// before that statement.
/// </summary>
public static class PendingDeadlineLoader
{
    /// <summary>
    /// Loads <paramref name="numbering"/>'s deadlines for <see cref="DeadlineBenchGrain"/>, due evenly over
    /// <paramref name="window"/> from <paramref name="lead"/> after the insert starts; returns the first due instant.
    /// </summary>
    public static async Task<DateTimeOffset> LoadAsync(string connectionString, DeadlineNumbering numbering, int shardCount, TimeSpan window, TimeSpan lead)
    {
        ArgumentNullException.ThrowIfNull(numbering);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await ExecuteAsync(connection, "create unlogged table bench_pending (grain_key text not null, name text not null, shard int not null, offset_us bigint not null)").ConfigureAwait(false);
        var shards = new int[numbering.Grains];
        for (var g = 0; g < numbering.Grains; g++)
        {
            shards[g] = DeadlineSharding.ShardOf(GrainId.Create(DeadlineBenchGrain.GrainTypeName, DeadlineNumbering.GrainKey(g)), shardCount);
        }

        var windowMicroseconds = (long)window.TotalMicroseconds;
        await using (var import = await connection.BeginBinaryImportAsync("copy bench_pending (grain_key, name, shard, offset_us) from stdin (format binary)").ConfigureAwait(false))
        {
            for (var i = 0; i < numbering.Pending; i++)
            {
                await import.StartRowAsync().ConfigureAwait(false);
                await import.WriteAsync(numbering.GrainKeyOf(i), NpgsqlDbType.Text).ConfigureAwait(false);
                await import.WriteAsync(numbering.NameOfIndex(i), NpgsqlDbType.Text).ConfigureAwait(false);
                await import.WriteAsync(shards[i % numbering.Grains], NpgsqlDbType.Integer).ConfigureAwait(false);
                await import.WriteAsync(windowMicroseconds * i / numbering.Pending, NpgsqlDbType.Bigint).ConfigureAwait(false);
            }

            await import.CompleteAsync().ConfigureAwait(false);
        }

        var firstDue = DeadlineInstant.Normalize(DateTimeOffset.UtcNow + lead);
        await using (var insert = new NpgsqlCommand(
            "insert into deadline (grain_type, grain_key, name, shard, due) "
            + "select $1, grain_key, name, shard, $2 + offset_us * interval '1 microsecond' from bench_pending",
            connection))
        {
            insert.CommandTimeout = 600;
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = DeadlineBenchGrain.GrainTypeName });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = firstDue });
            await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await ExecuteAsync(connection, "drop table bench_pending; analyze deadline").ConfigureAwait(false);
        return firstDue;
    }

    /// <summary>Rows of <see cref="DeadlineBenchGrain"/> still in the deadline table (pending, or fired but not yet deleted).</summary>
    public static async Task<long> CountLeftAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("select count(*) from deadline where grain_type = $1 and name like 'd%'");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = DeadlineBenchGrain.GrainTypeName });
        return (long)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
