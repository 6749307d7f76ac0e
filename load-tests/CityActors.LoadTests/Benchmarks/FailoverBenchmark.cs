using System.Diagnostics;
using System.Globalization;
using CityActors.GrainInterfaces.Cases;
using CityActors.LoadTests.Failover;

namespace CityActors.LoadTests.Benchmarks;

/// <summary>
/// Crash failover of the clustered silo: three silo executables (real processes) on a throwaway PostgreSQL, a cluster
/// client driving case lifecycles from many callers, and <c>--kills</c> rounds that SIGKILL one silo, measure for every
/// case in progress on it the time from the kill to its first successful call on a survivor, then start the silo
/// again for the next round. Reports p50/p99/max of those times (exact, from the sorted samples; target p99 ≤ 10 s), throughput under
/// the kills against the steady throughput before them, and how many acknowledged commands the journals lack (must be 0).
/// </summary>
public static class FailoverBenchmark
{
    public const int DefaultKills = 5;
    public const int DefaultCallers = 48;
    public const string KillsOption = "--kills";
    private const int Silos = 3;
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(10);

    public static async Task<BenchmarkReport> RunAsync(BenchmarkSettings settings, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var kills = Kills(Environment.GetCommandLineArgs()) ?? DefaultKills;
        var callers = settings.Callers ?? DefaultCallers;
        var warmup = settings.WarmupOr(5);
        var steady = settings.DurationOr(10);
        var total = Stopwatch.StartNew();
        log.WriteLine($"failover: {Silos} silo processes, {callers} callers driving case lifecycles, {kills} × SIGKILL one silo then restart it; {warmup.TotalSeconds}s warm-up, {steady.TotalSeconds}s steady");

        await using var cluster = await FailoverCluster.StartAsync(Silos).ConfigureAwait(false);
        log.WriteLine($"  cluster of {Silos} silo processes up in {Seconds(total.Elapsed)} s (silo build, PostgreSQL, start, join)");
        var traffic = CaseTraffic.Start(cluster.Grains, callers);
        await Task.Delay(warmup).ConfigureAwait(false);
        var steadyRate = await RateOverAsync(traffic, steady).ConfigureAwait(false);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  steady: {steadyRate:N0} commands/s"));

        var samples = new List<TimeSpan>();
        var (killsClock, acknowledgedBefore) = (Stopwatch.StartNew(), traffic.Acknowledged);
        for (var kill = 1; kill <= kills; kill++)
        {
            samples.AddRange(await KillOneAsync(cluster, traffic, kill, restart: kill < kills, log).ConfigureAwait(false));
        }

        var underKillsRate = (traffic.Acknowledged - acknowledgedBefore) / killsClock.Elapsed.TotalSeconds;
        var acknowledged = await traffic.StopAsync().ConfigureAwait(false);
        var heads = await cluster.JournalHeadsAsync().ConfigureAwait(false);
        var lost = acknowledged.Count(a => !heads.TryGetValue(a.CaseId, out var head) || head < a.Version);
        var recovery = new ExactPercentiles(samples);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  under kills: {underKillsRate:N0} commands/s ({underKillsRate / steadyRate:P0} of steady); {traffic.Failures:N0} failed calls"));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  kill → first success, {recovery.Count} cases: p50 {Seconds(recovery.At(50))} s, p99 {Seconds(recovery.At(99))} s, max {Seconds(recovery.Max)} s (target p99 ≤ {Target.TotalSeconds} s: {(recovery.At(99) <= Target ? "met" : "MISSED")})"));
        log.WriteLine($"  acknowledged commands: {acknowledged.Count:N0}, missing from the journals: {lost}; whole run {Seconds(total.Elapsed)} s");

        return new BenchmarkReport("failover", underKillsRate, steadyRate, recovery.At(50).TotalMicroseconds, recovery.At(99).TotalMicroseconds)
        {
            MaxMicroseconds = recovery.Max.TotalMicroseconds,
            Extra =
            [
                new("kills", kills),
                new("cases_probed", recovery.Count),
                new("p50_s", recovery.At(50).TotalSeconds),
                new("p99_s", recovery.At(99).TotalSeconds),
                new("max_s", recovery.Max.TotalSeconds),
                new("target_p99_s", Target.TotalSeconds),
                new("callers", callers),
                new("failed_calls", traffic.Failures),
                new("acknowledged", acknowledged.Count),
                new("lost_acknowledged", lost),
            ],
        };
    }

    /// <summary>
    /// One round: SIGKILL the silo holding most of the cases callers are working on (finished cases stay active too,
    /// but nobody calls them; and a silo just restarted attracts the new cases), time their first success elsewhere,
    /// and (before another round) start the silo again.
    /// </summary>
    private static async Task<TimeSpan[]> KillOneAsync(FailoverCluster cluster, CaseTraffic traffic, int round, bool restart, TextWriter log)
    {
        var live = traffic.Live;
        var held = new List<string>[Silos];
        for (var s = 0; s < Silos; s++)
        {
            held[s] = [.. (await cluster.CasesOnAsync(await cluster.AddressOfAsync(s).ConfigureAwait(false)).ConfigureAwait(false)).Where(live.Contains)];
        }

        var slot = Enumerable.Range(0, Silos).MaxBy(s => held[s].Count);
        var cases = held[slot];
        await cluster.Silos[slot].KillAsync().ConfigureAwait(false);
        var sinceKill = Stopwatch.StartNew();
        var times = await Task.WhenAll(cases.Select(id => RecoveryProbe.FirstSuccessAsync(cluster.Grains.GetGrain<ICaseGrain>(id), sinceKill))).ConfigureAwait(false);
        var recovered = times.Length == 0
            ? $"  kill {round}: silo {slot} held no case in progress"
            : $"  kill {round}: silo {slot}, its {times.Length} cases in progress answered again after {Seconds(times.Min())}–{Seconds(times.Max())} s";
        if (restart)
        {
            var (listening, active) = await cluster.RestartAsync(slot).ConfigureAwait(false);
            recovered += $"; restarted: listening after {Seconds(listening)} s, Active after {Seconds(active)} s";
        }

        log.WriteLine(recovered);
        return times;
    }

    private static async Task<double> RateOverAsync(CaseTraffic traffic, TimeSpan period)
    {
        var (clock, before) = (Stopwatch.StartNew(), traffic.Acknowledged);
        await Task.Delay(period).ConfigureAwait(false);
        return (traffic.Acknowledged - before) / clock.Elapsed.TotalSeconds;
    }

    /// <summary>"--kills N" from the command line, else null (the shared option parser must let it through: <see cref="BenchmarkSettings.NumberOptions"/>).</summary>
    private static int? Kills(string[] commandLine)
    {
        var at = Array.IndexOf(commandLine, KillsOption);
        return at >= 0 && at + 1 < commandLine.Length && int.TryParse(commandLine[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var kills) && kills > 0
            ? kills
            : at >= 0 ? throw new ArgumentException($"{KillsOption} needs a positive whole number.") : null;
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
}
