using CityActors.LoadTests.Measurement;
using CityActors.Testing;
using Npgsql;

namespace CityActors.LoadTests.Benchmarks;

/// <summary>
/// Grain state writes through the clustered runtime (each call writes jsonb state with the lease fence and ETag check
/// and returns after commit) against raw Npgsql single-row upserts of the same payload at the same concurrency on
/// the same PostgreSQL server.
/// </summary>
public static class DurableWritesBenchmark
{
    public static async Task<BenchmarkReport> RunAsync(BenchmarkSettings settings, TextWriter log)
    {
        log.WriteLine($"durable-writes: {settings.Callers} callers, {settings.Grains} grains, {settings.Warmup.TotalSeconds}s warm-up + {settings.Duration.TotalSeconds}s per phase");
        await using var cluster = await TestCluster.StartAsync(1, silo => silo.AddGrain<WriterGrain>(), new Dictionary<string, string?>
        {
            ["CityActors:Silo:ShardCount"] = "1024",
        }).ConfigureAwait(false);
        await cluster.WaitForStableAsync().ConfigureAwait(false);

        var baselineResult = await RawUpsertsAsync(cluster.ConnectionString, settings).ConfigureAwait(false);
        log.WriteLine($"  baseline (raw Npgsql upserts): {baselineResult.OpsPerSecond,10:N0} writes/s  p50 {baselineResult.P50Microseconds:N1} µs  p99 {baselineResult.P99Microseconds:N1} µs");

        var factory = cluster.Silos[0].Grains;
        var grains = Enumerable.Range(0, settings.Grains).Select(i => factory.GetGrain<IWriterGrain>(i)).ToArray();
        var result = await LoadRun.RunAsync(settings.Callers, settings.Warmup, settings.Duration, async (caller, n) =>
            await grains[(int)((caller + (n * 7919)) % grains.Length)].Write((int)n).ConfigureAwait(false)).ConfigureAwait(false);
        log.WriteLine($"  runtime (grain state writes):  {result.OpsPerSecond,10:N0} writes/s  p50 {result.P50Microseconds:N1} µs  p99 {result.P99Microseconds:N1} µs");
        return BenchmarkReport.From("durable-writes", result, baselineResult);
    }

    private static async Task<LoadResult> RawUpsertsAsync(string connectionString, BenchmarkSettings settings)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = Math.Max(settings.Callers, 10) };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await using (var create = dataSource.CreateCommand("create table raw_upsert (id bigint primary key, data jsonb not null)"))
        {
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return await LoadRun.RunAsync(settings.Callers, settings.Warmup, settings.Duration, async (caller, n) =>
        {
            await using var command = dataSource.CreateCommand("insert into raw_upsert (id, data) values ($1, $2::jsonb) on conflict (id) do update set data = excluded.data");
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (caller + (n * 7919)) % settings.Grains });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = WriterGrain.Payload((int)n) });
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }).ConfigureAwait(false);
    }
}

public sealed class WriterState
{
    public int Value { get; set; }

    public int Writes { get; set; }
}

public interface IWriterGrain : IGrainWithIntegerKey
{
    /// <summary>Updates and persists the state; returns after the write committed.</summary>
    Task<int> Write(int value);
}

public sealed class WriterGrain([PersistentState("writer")] IPersistentState<WriterState> state) : Grain, IWriterGrain
{
    /// <summary>The same JSON the grain's state serializes to, for the raw baseline.</summary>
    public static string Payload(int value) => $"{{\"value\":{value},\"writes\":{value}}}";

    public async Task<int> Write(int value)
    {
        state.State.Value = value;
        state.State.Writes++;
        await state.WriteStateAsync();
        return state.State.Writes;
    }
}
