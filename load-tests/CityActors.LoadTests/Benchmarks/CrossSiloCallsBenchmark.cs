using CityActors.LoadTests.Measurement;
using CityActors.Testing;

namespace CityActors.LoadTests.Benchmarks;

/// <summary>
/// Grain calls from one silo to grains owned by another, over real loopback TCP (2 silos of a test cluster on a
/// throwaway PostgreSQL), against raw loopback TCP request/response with the same payload sizes and concurrency.
/// </summary>
public static class CrossSiloCallsBenchmark
{
    // What a Ping(int) call and its answer occupy on the wire (frame header, target, method id, JSON).
    private const int RequestBytes = 120;
    private const int ResponseBytes = 20;

    public static async Task<BenchmarkReport> RunAsync(BenchmarkSettings settings, TextWriter log)
    {
        log.WriteLine($"cross-silo-calls: {settings.Callers} callers, {settings.Grains} grains, {settings.Warmup.TotalSeconds}s warm-up + {settings.Duration.TotalSeconds}s per phase");

        LoadResult baselineResult;
        await using (var baseline = new LoopbackTcpBaseline(RequestBytes, ResponseBytes))
        {
            var call = await baseline.ConnectAsync(settings.Callers).ConfigureAwait(false);
            baselineResult = await LoadRun.RunAsync(settings.Callers, settings.Warmup, settings.Duration, (caller, _) => call(caller)).ConfigureAwait(false);
        }

        log.WriteLine($"  baseline (raw loopback TCP): {baselineResult.OpsPerSecond,12:N0} calls/s  p50 {baselineResult.P50Microseconds:N1} µs  p99 {baselineResult.P99Microseconds:N1} µs");

        await using var cluster = await TestCluster.StartAsync(2, silo => silo.AddGrain<PingGrain>(), new Dictionary<string, string?>
        {
            ["CityActors:Silo:ShardCount"] = "1024",
        }).ConfigureAwait(false);
        await cluster.WaitForStableAsync().ConfigureAwait(false);
        var owners = await cluster.ReadOwnersAsync().ConfigureAwait(false);
        var caller = cluster.Silos[0];
        var remote = cluster.Silos[1].Name;

        // Only grains whose shard the other silo owns: every call crosses the wire.
        var grains = Enumerable.Range(0, int.MaxValue)
            .Where(i => owners[GrainId.Create("ping", (long)i).GetShard(cluster.ShardCount)] == remote)
            .Take(settings.Grains)
            .Select(i => caller.Grains.GetGrain<IPingGrain>(i))
            .ToArray();
        var result = await LoadRun.RunAsync(settings.Callers, settings.Warmup, settings.Duration, async (c, n) =>
            await grains[(int)((c + (n * 7919)) % grains.Length)].Ping((int)n).ConfigureAwait(false)).ConfigureAwait(false);
        log.WriteLine($"  runtime (silo → silo calls):  {result.OpsPerSecond,12:N0} calls/s  p50 {result.P50Microseconds:N1} µs  p99 {result.P99Microseconds:N1} µs");
        return BenchmarkReport.From("cross-silo-calls", result, baselineResult);
    }
}
