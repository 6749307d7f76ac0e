using CityActors.LoadTests.Baselines;
using CityActors.LoadTests.Grains;
using CityActors.LoadTests.Hosting;
using CityActors.LoadTests.Measurement;

namespace CityActors.LoadTests.Benchmarks;

/// <summary>
/// Grain state writes committed in PostgreSQL, at 16 and 64 callers (or the one <c>--callers</c> picks): (a) our
/// PostgresGrainStorage (the clustered silo's default storage, group commit) through grains with
/// <c>[PersistentState]</c>, (b) raw Npgsql single-row upserts at the same concurrency, (c) Orleans' stock AdoNet grain
/// storage on the same server. Every write is acknowledged only after its commit. One silo, one PostgreSQL server.
/// </summary>
public static class DurableWritesBenchmark
{
    public const int DefaultGrains = 10_000;
    private static readonly int[] DefaultCallers = [16, 64];

    public static async Task<BenchmarkReport> RunAsync(BenchmarkSettings settings, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        int[] callerCounts = settings.Callers is { } only ? [only] : DefaultCallers;
        var grainCount = settings.Grains ?? DefaultGrains;
        var warmup = settings.WarmupOr(3);
        var duration = settings.DurationOr(10);
        log.WriteLine($"durable-writes: {string.Join(" and ", callerCounts)} callers, {grainCount:N0} grains, {warmup.TotalSeconds}s warm-up + {duration.TotalSeconds}s per phase; "
            + $"raw baseline and stock storage pooled at up to {BaselinePool.MaxConnections} connections, our storage on the silo's default pool");

        await using var database = await BenchmarkDatabase.StartAsync().ConfigureAwait(false);
        var cluster = await database.CreateAsync("cluster").ConfigureAwait(false);
        var stock = await database.CreateAsync("stock").ConfigureAwait(false);
        await StockAdoNetStorage.CreateSchemaAsync(stock).ConfigureAwait(false);
        await RawUpsertBaseline.CreateTableAsync(cluster).ConfigureAwait(false);
        await using var stockPool = BenchmarkDatabase.BoundedPool(stock, BaselinePool.SizeFor(callerCounts.Max()));
        await using var silo = await BenchmarkSilo.StartAsync(cluster, s => s.AddStockAdoNetStorage(stockPool)).ConfigureAwait(false);
        var ours = Enumerable.Range(0, grainCount).Select(i => silo.Grains.GetGrain<IWriterGrain>(i)).ToArray();
        var stockGrains = Enumerable.Range(0, grainCount).Select(i => silo.Grains.GetGrain<IStockWriterGrain>(i)).ToArray();

        // Every grain activated and its row created before any phase, so the phases measure updates of existing state
        // (the raw table is filled the same way), not activations and first inserts.
        await FixedCountRun.RunAsync(grainCount, 64, i => ours[i].Write(0)).ConfigureAwait(false);
        await FixedCountRun.RunAsync(grainCount, 64, i => stockGrains[i].Write(0)).ConfigureAwait(false);
        await RawUpsertBaseline.FillAsync(cluster, grainCount).ConfigureAwait(false);
        log.WriteLine($"  {grainCount:N0} grains of each storage activated and written once");

        var rounds = new List<Round>();
        foreach (var callers in callerCounts)
        {
            log.WriteLine($"  {callers} callers:");
            var raw = await RawUpsertBaseline.RunAsync(cluster, callers, grainCount, warmup, duration).ConfigureAwait(false);
            log.WriteLine($"    raw Npgsql upserts:        {raw.Describe("writes", milliseconds: true)}");
            var ourResult = await LoadRun.RunAsync(callers, warmup, duration, async (caller, n) =>
                await ours[Target(caller, n, grainCount)].Write((int)n).ConfigureAwait(false)).ConfigureAwait(false);
            log.WriteLine($"    PostgresGrainStorage:      {ourResult.Describe("writes", milliseconds: true)}");
            var stockResult = await LoadRun.RunAsync(callers, warmup, duration, async (caller, n) =>
                await stockGrains[Target(caller, n, grainCount)].Write((int)n).ConfigureAwait(false)).ConfigureAwait(false);
            log.WriteLine($"    stock AdoNet grain storage: {stockResult.Describe("writes", milliseconds: true)}");
            log.WriteLine($"    ratio ours / raw {ourResult.OpsPerSecond / raw.OpsPerSecond:N2}, ours / stock {ourResult.OpsPerSecond / stockResult.OpsPerSecond:N2}");
            rounds.Add(new Round(callers, raw, ourResult, stockResult));
        }

        // The headline is the largest caller count (64 by default): the target is stated there.
        var main = rounds[^1];
        var extra = new List<KeyValuePair<string, double>>
        {
            new("callers", main.Callers),
            new("stock_ops_per_s", Math.Round(main.Stock.OpsPerSecond)),
            new("ratio_vs_stock", main.Ours.OpsPerSecond / main.Stock.OpsPerSecond),
            new("stock_p99_us", main.Stock.P99Microseconds),
            new("baseline_p99_us", main.Raw.P99Microseconds),
        };
        foreach (var round in rounds.Take(rounds.Count - 1))
        {
            extra.Add(new($"ops_per_s_at_{round.Callers}", Math.Round(round.Ours.OpsPerSecond)));
            extra.Add(new($"baseline_ops_per_s_at_{round.Callers}", Math.Round(round.Raw.OpsPerSecond)));
            extra.Add(new($"stock_ops_per_s_at_{round.Callers}", Math.Round(round.Stock.OpsPerSecond)));
            extra.Add(new($"ratio_at_{round.Callers}", round.Ours.OpsPerSecond / round.Raw.OpsPerSecond));
            extra.Add(new($"ratio_vs_stock_at_{round.Callers}", round.Ours.OpsPerSecond / round.Stock.OpsPerSecond));
            extra.Add(new($"p99_us_at_{round.Callers}", round.Ours.P99Microseconds));
        }

        extra.Add(new("failures", rounds.Sum(r => r.Raw.Failures + r.Ours.Failures + r.Stock.Failures)));
        return BenchmarkReport.From("durable-writes", main.Ours, main.Raw) with { Extra = extra };
    }

    private static int Target(int caller, long n, int grains) => (int)((caller + (n * 7919)) % grains);

    private sealed record Round(int Callers, LoadResult Raw, LoadResult Ours, LoadResult Stock);
}
