using CityActors.LoadTests.Baselines;
using CityActors.LoadTests.Grains;
using CityActors.LoadTests.Hosting;
using CityActors.LoadTests.Measurement;

namespace CityActors.LoadTests.Benchmarks;

/// <summary>
/// In-process Orleans grain calls: many concurrent callers on one embedded silo (localhost clustering), calling
/// <see cref="IPingGrain.Ping"/> on many grains through the silo's own grain factory, against the channel-per-actor
/// baseline at the same concurrency, actor count and target pattern, in the same process and run.
/// </summary>
public static class LocalCallsBenchmark
{
    public const int DefaultCallers = 1000;
    public const int DefaultGrains = 10_000;

    public static async Task<BenchmarkReport> RunAsync(BenchmarkSettings settings, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var callers = settings.Callers ?? DefaultCallers;
        var grainCount = settings.Grains ?? DefaultGrains;
        var warmup = settings.WarmupOr(2);
        var duration = settings.DurationOr(10);
        log.WriteLine($"local-calls: {callers:N0} callers, {grainCount:N0} grains, {warmup.TotalSeconds}s warm-up + {duration.TotalSeconds}s per phase");

        LoadResult baseline;
        await using (var channels = new ChannelPingBaseline(grainCount))
        {
            baseline = await LoadRun.RunAsync(callers, warmup, duration, async (caller, n) =>
                await channels.Ping(Target(caller, n, grainCount), (int)n).ConfigureAwait(false)).ConfigureAwait(false);
        }

        log.WriteLine($"  baseline (channel per actor): {baseline.Describe("calls")}");

        await using var silo = await BenchmarkSilo.StartAsync(connectionString: null).ConfigureAwait(false);
        var orleans = await MeasureGrainCallsAsync(silo.Grains, callers, grainCount, warmup, duration).ConfigureAwait(false);
        log.WriteLine($"  Orleans (grain calls):        {orleans.Describe("calls")}");
        log.WriteLine($"  ratio Orleans / baseline: {orleans.OpsPerSecond / baseline.OpsPerSecond:N2}");

        return BenchmarkReport.From("local-calls", orleans, baseline) with
        {
            Extra = [new("callers", callers), new("grains", grainCount), new("failures", orleans.Failures + baseline.Failures)],
        };
    }

    /// <summary>
    /// What this benchmark reports for Orleans: <paramref name="callers"/> closed loops calling <see cref="IPingGrain.Ping"/>
    /// on <paramref name="grainCount"/> grains through <paramref name="factory"/>. Other benchmarks measure it as their
    /// baseline of a local grain call at their own concurrency.
    /// </summary>
    public static Task<LoadResult> MeasureGrainCallsAsync(IGrainFactory factory, int callers, int grainCount, TimeSpan warmup, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var grains = Enumerable.Range(0, grainCount).Select(i => factory.GetGrain<IPingGrain>(i)).ToArray();
        return LoadRun.RunAsync(callers, warmup, duration, async (caller, n) =>
            await grains[Target(caller, n, grainCount)].Ping((int)n).ConfigureAwait(false));
    }

    // Spreads each caller over all grains so every grain sees concurrent callers.
    private static int Target(int caller, long n, int grains) => (int)((caller + (n * 7919)) % grains);
}
