using System.Diagnostics;
using CityActors.LoadTests.Measurement;
using CityActors.Testing;

namespace CityActors.LoadTests.Benchmarks;

/// <summary>
/// Repeatedly kills one of three silos (no hand-off, connections cut) while clients keep calling, with the default
/// lease settings, and measures for grains of the killed silo the time from the kill to their first successful call
/// on a new owner. A replacement silo joins after each kill. Throughput under these kills is compared with the same
/// load on the undisturbed cluster.
/// </summary>
public static class FailoverBenchmark
{
    private const int Kills = 5;
    private const int ProbesPerKill = 20;

    public static async Task<BenchmarkReport> RunAsync(BenchmarkSettings settings, TextWriter log)
    {
        var callers = Math.Min(settings.Callers, 200);
        log.WriteLine($"failover: 3 silos, default leases (5 s, renewed every 1 s), {Kills} kills, {ProbesPerKill} probe grains per kill, {callers} background callers");
        await using var cluster = await TestCluster.StartAsync(3, silo => silo.AddGrain<PingGrain>(), new Dictionary<string, string?>
        {
            ["CityActors:Silo:ShardCount"] = "1024",
            ["CityActors:Cluster:LeaseDuration"] = "00:00:05",
            ["CityActors:Cluster:RenewInterval"] = "00:00:01",
            ["CityActors:Cluster:LeaseSafetyMargin"] = "00:00:01",
            ["CityActors:Cluster:MaxShardMovesPerRound"] = "64",
        }).ConfigureAwait(false);
        await cluster.WaitForStableAsync(TimeSpan.FromSeconds(120)).ConfigureAwait(false);
        await using var client = await cluster.ConnectClientAsync().ConfigureAwait(false);
        var grains = Enumerable.Range(0, settings.Grains).Select(i => client.GetGrain<IPingGrain>(i)).ToArray();

        async ValueTask Call(int caller, long n)
        {
            try
            {
                await grains[(int)((caller + (n * 7919)) % grains.Length)].Ping((int)n).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SiloUnavailableException or GrainCallTimeoutException)
            {
                // Caught in flight by a kill.
            }
        }

        var steady = await LoadRun.RunAsync(callers, settings.Warmup, settings.Duration, Call).ConfigureAwait(false);
        log.WriteLine($"  steady load:      {steady.OpsPerSecond,10:N0} calls/s");

        var recovery = new LatencyHistogram();
        var worst = TimeSpan.Zero;
        var underKills = LoadRun.RunAsync(callers, TimeSpan.Zero, TimeSpan.FromSeconds(Kills * 14), Call);
        for (var kill = 0; kill < Kills; kill++)
        {
            var owners = await cluster.ReadOwnersAsync().ConfigureAwait(false);
            var victim = cluster.Silos[kill % cluster.Silos.Count];
            var probes = Enumerable.Range(0, int.MaxValue)
                .Where(i => owners[GrainId.Create("ping", (long)i).GetShard(cluster.ShardCount)] == victim.Name)
                .Take(ProbesPerKill)
                .Select(i => client.GetGrain<IPingGrain>(i))
                .ToList();
            await cluster.KillSiloAsync(victim).ConfigureAwait(false);
            var killed = Stopwatch.StartNew();
            var times = await Task.WhenAll(probes.Select(p => FirstSuccessAsync(p, killed))).ConfigureAwait(false);
            foreach (var time in times)
            {
                recovery.Record((long)time.TotalNanoseconds);
                worst = time > worst ? time : worst;
            }

            log.WriteLine($"  kill {kill + 1}: {victim.Name}; first success after {times.Min().TotalSeconds:N2}–{times.Max().TotalSeconds:N2} s");
            await cluster.AddSiloAsync().ConfigureAwait(false);
            await cluster.WaitForStableAsync(TimeSpan.FromSeconds(120)).ConfigureAwait(false);
        }

        var disturbed = await underKills.ConfigureAwait(false);
        log.WriteLine($"  load under kills: {disturbed.OpsPerSecond,10:N0} calls/s");
        log.WriteLine($"  time to first successful call: p50 {recovery.Percentile(50) / 1e9:N2} s, p99 {recovery.Percentile(99) / 1e9:N2} s, max {worst.TotalSeconds:N2} s");
        return new BenchmarkReport("failover", disturbed.OpsPerSecond, steady.OpsPerSecond, recovery.Percentile(50) / 1000.0, recovery.Percentile(99) / 1000.0);
    }

    private static async Task<TimeSpan> FirstSuccessAsync(IPingGrain grain, Stopwatch sinceKill)
    {
        while (true)
        {
            try
            {
                await grain.Ping(1).ConfigureAwait(false);
                return sinceKill.Elapsed;
            }
            catch (Exception ex) when (ex is SiloUnavailableException or GrainCallTimeoutException)
            {
                // In flight on the killed silo; try again.
            }
        }
    }
}
