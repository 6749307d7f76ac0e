using CityActors.LoadTests.Grains;
using CityActors.LoadTests.Hosting;
using CityActors.LoadTests.Measurement;
using Npgsql;

namespace CityActors.LoadTests.Baselines;

/// <summary>
/// Raw Npgsql single-row upserts: one <c>insert … on conflict do update</c> statement per write of the same jsonb a
/// writer grain stores, each its own transaction, from the same number of callers over the same keys, through a
/// bounded pool (<see cref="BaselinePool"/>). What one durable write costs without batching or Orleans.
/// </summary>
public static class RawUpsertBaseline
{
    public static async Task CreateTableAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var create = dataSource.CreateCommand("create table raw_upsert (id bigint primary key, data jsonb not null)");
        await create.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>Creates the rows of keys 0 to <paramref name="keys"/> − 1, as the grains' first writes create theirs.</summary>
    public static async Task FillAsync(string connectionString, int keys)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var fill = dataSource.CreateCommand("insert into raw_upsert (id, data) select g, $2::jsonb from generate_series(0, $1 - 1) g on conflict (id) do nothing");
        fill.Parameters.Add(new NpgsqlParameter<long> { TypedValue = keys });
        fill.Parameters.Add(new NpgsqlParameter<string> { TypedValue = WriterState.Json(0, 1) });
        await fill.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public static async Task<LoadResult> RunAsync(string connectionString, int callers, int keys, TimeSpan warmup, TimeSpan duration)
    {
        await using var dataSource = BenchmarkDatabase.BoundedPool(connectionString, BaselinePool.SizeFor(callers));
        return await LoadRun.RunAsync(callers, warmup, duration, async (caller, n) =>
        {
            await using var command = dataSource.CreateCommand("insert into raw_upsert (id, data) values ($1, $2::jsonb) on conflict (id) do update set data = excluded.data");
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (caller + (n * 7919)) % keys });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = WriterState.Json((int)n, (int)n) });
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }).ConfigureAwait(false);
    }
}
