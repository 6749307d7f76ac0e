using CityActors.LoadTests.Baselines;
using CityActors.LoadTests.Grains;
using CityActors.LoadTests.Hosting;
using CityActors.LoadTests.Measurement;

namespace CityActors.LoadTests.Benchmarks;

/// <summary>
/// Grain calls between two silos over loopback TCP: two clustered silos in this process (AdoNet membership on a
/// throwaway PostgreSQL), callers on silo A calling ping grains that live on silo B, so every call is a request and a
/// response message between the silos. The grains are prefer-local and first called from B, and each one's
/// <see cref="IPingGrain.Where"/> is checked before the run. Baseline: raw loopback TCP request/response with the same
/// payload sizes and callers, one socket per caller.
/// </summary>
public static class CrossSiloCallsBenchmark
{
    public const int DefaultCallers = 1000;
    public const int DefaultGrains = 10_000;

    // About what a Ping(int) request and its response occupy on the wire between silos (message header, target grain
    // and interface, method id, the int); the baseline sends exactly this many bytes each way.
    private const int RequestBytes = 120;
    private const int ResponseBytes = 20;

    // Sockets of the baseline (two per caller) beside everything else the process keeps open.
    private const int FilesBesideBaseline = 1024;

    public static async Task<BenchmarkReport> RunAsync(BenchmarkSettings settings, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var callers = settings.Callers ?? DefaultCallers;
        var grainCount = settings.Grains ?? DefaultGrains;
        var warmup = settings.WarmupOr(2);
        var duration = settings.DurationOr(10);
        if (OpenFileLimit.Current() is { } limit && (2L * callers) + FilesBesideBaseline > limit)
        {
            throw new ArgumentException(
                $"--callers {callers} needs {2 * callers:N0} sockets for the TCP baseline, more than this process's open-file limit of {limit:N0} allows; "
                + $"use at most {(limit - FilesBesideBaseline) / 2:N0} callers or raise the limit (ulimit -n).");
        }

        log.WriteLine($"cross-silo-calls: {callers:N0} callers on silo A, {grainCount:N0} grains on silo B, {warmup.TotalSeconds}s warm-up + {duration.TotalSeconds}s per phase");

        LoadResult baseline;
        await using (var tcp = new LoopbackTcpBaseline(RequestBytes, ResponseBytes))
        {
            var call = await tcp.ConnectAsync(callers).ConfigureAwait(false);
            baseline = await LoadRun.RunAsync(callers, warmup, duration, (caller, _) => call(caller)).ConfigureAwait(false);
        }

        log.WriteLine($"  baseline (raw loopback TCP):  {baseline.Describe("calls")}");

        await using var database = await BenchmarkDatabase.StartAsync().ConfigureAwait(false);
        var cluster = await database.CreateAsync("cross_silo").ConfigureAwait(false);
        await using var siloB = await BenchmarkSilo.StartAsync(cluster).ConfigureAwait(false);
        await using var siloA = await BenchmarkSilo.StartAsync(cluster).ConfigureAwait(false);
        await WaitForBothAsync(siloA, siloB).ConfigureAwait(false);
        var grains = await PlaceOnAsync(siloB, siloA, grainCount).ConfigureAwait(false);
        log.WriteLine($"  {grains.Length:N0} ping grains active on silo B ({siloB.Address}), called from silo A ({siloA.Address})");

        var orleans = await LoadRun.RunAsync(callers, warmup, duration, async (caller, n) =>
            await grains[(int)((caller + (n * 7919)) % grains.Length)].Ping((int)n).ConfigureAwait(false)).ConfigureAwait(false);
        log.WriteLine($"  Orleans (silo A → silo B):    {orleans.Describe("calls")}");
        log.WriteLine($"  ratio Orleans / baseline: {orleans.OpsPerSecond / baseline.OpsPerSecond:N2}");

        return BenchmarkReport.From("cross-silo-calls", orleans, baseline) with
        {
            Extra = [new("callers", callers), new("grains", grains.Length), new("failures", orleans.Failures + baseline.Failures)],
        };
    }

    /// <summary>Waits until silo A's membership lists both silos as active.</summary>
    private static async Task WaitForBothAsync(BenchmarkSilo siloA, BenchmarkSilo siloB)
    {
        var management = siloA.Grains.GetGrain<IManagementGrain>(0);
        var limit = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var hosts = await management.GetHosts(onlyActive: true).ConfigureAwait(false);
            if (hosts.ContainsKey(siloA.Address) && hosts.ContainsKey(siloB.Address))
            {
                return;
            }

            if (DateTime.UtcNow > limit)
            {
                throw new TimeoutException("The two silos did not see each other as active within 60 s.");
            }

            await Task.Delay(200).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Activates ping grains by calling them first from <paramref name="owner"/> (prefer-local placement puts them
    /// there) and returns references to them from <paramref name="caller"/>, keeping only grains that report
    /// <paramref name="owner"/> as their silo, so every measured call is remote.
    /// </summary>
    private static async Task<IPingGrain[]> PlaceOnAsync(BenchmarkSilo owner, BenchmarkSilo caller, int count)
    {
        var keys = Enumerable.Range(0, count).ToArray();
        var placed = new SiloAddress[count];
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (key, _) =>
            placed[key] = await owner.Grains.GetGrain<IPingGrain>(key).Where().ConfigureAwait(false)).ConfigureAwait(false);

        // Confirm from the calling side too: the activation it reaches must be the one on the owner.
        var confirmed = new bool[count];
        await Parallel.ForEachAsync(keys.Where(k => placed[k] == owner.Address), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (key, _) =>
            confirmed[key] = await caller.Grains.GetGrain<IPingGrain>(key).Where().ConfigureAwait(false) == owner.Address).ConfigureAwait(false);
        var remote = keys.Where(k => confirmed[k]).Select(k => caller.Grains.GetGrain<IPingGrain>(k)).ToList();
        return remote.Count > 0
            ? [.. remote]
            : throw new InvalidOperationException($"No ping grain landed on silo {owner.Address}; the benchmark would not cross silos.");
    }
}
