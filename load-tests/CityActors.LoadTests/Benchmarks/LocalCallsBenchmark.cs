using CityActors.LoadTests.Measurement;
using CityActors.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityActors.LoadTests.Benchmarks;

/// <summary>
/// In-process grain calls from many concurrent callers over many grains, against the channel-per-actor baseline
/// at the same concurrency, in the same process and run.
/// </summary>
public static class LocalCallsBenchmark
{
    public static async Task<BenchmarkReport> RunAsync(BenchmarkSettings settings, TextWriter log)
    {
        log.WriteLine($"local-calls: {settings.Callers} callers, {settings.Grains} grains, {settings.Warmup.TotalSeconds}s warm-up + {settings.Duration.TotalSeconds}s per phase");

        await using var baseline = new ChannelPingBaseline(settings.Grains);
        var baselineResult = await LoadRun.RunAsync(settings.Callers, settings.Warmup, settings.Duration, async (caller, n) =>
            await baseline.Ping(Target(caller, n, settings.Grains), (int)n).ConfigureAwait(false)).ConfigureAwait(false);
        log.WriteLine($"  baseline (channel ping): {baselineResult.OpsPerSecond,12:N0} calls/s  p50 {baselineResult.P50Microseconds:N1} µs  p99 {baselineResult.P99Microseconds:N1} µs");

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        builder.AddCityActorsSilo(silo => silo.AddGrain<PingGrain>());
        using var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        var factory = host.Services.GetRequiredService<IGrainFactory>();
        var grains = Enumerable.Range(0, settings.Grains).Select(i => factory.GetGrain<IPingGrain>(i)).ToArray();
        var runtimeResult = await LoadRun.RunAsync(settings.Callers, settings.Warmup, settings.Duration, async (caller, n) =>
            await grains[Target(caller, n, settings.Grains)].Ping((int)n).ConfigureAwait(false)).ConfigureAwait(false);
        log.WriteLine($"  runtime (grain calls):   {runtimeResult.OpsPerSecond,12:N0} calls/s  p50 {runtimeResult.P50Microseconds:N1} µs  p99 {runtimeResult.P99Microseconds:N1} µs");
        await host.StopAsync().ConfigureAwait(false);

        return BenchmarkReport.From("local-calls", runtimeResult, baselineResult);
    }

    // Spreads each caller over all grains so every grain sees concurrent callers.
    private static int Target(int caller, long n, int grains) => (int)((caller + (n * 7919)) % grains);
}
