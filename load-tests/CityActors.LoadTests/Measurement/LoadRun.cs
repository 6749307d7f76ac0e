using System.Diagnostics;

namespace CityActors.LoadTests.Measurement;

/// <summary>Result of one closed-loop load phase.</summary>
public sealed record LoadResult(long Operations, TimeSpan Elapsed, LatencyHistogram Latency)
{
    public double OpsPerSecond => Operations / Elapsed.TotalSeconds;

    public double P50Microseconds => Latency.Percentile(50) / 1000.0;

    public double P99Microseconds => Latency.Percentile(99) / 1000.0;
}

/// <summary>
/// Runs <c>callers</c> concurrent closed loops (each issues its next call when the previous one returns) for a
/// warm-up and then a measured period, recording every call's latency.
/// </summary>
public static class LoadRun
{
    public static async Task<LoadResult> RunAsync(int callers, TimeSpan warmup, TimeSpan duration, Func<int, long, ValueTask> call)
    {
        var state = new RunState();
        var histograms = new LatencyHistogram[callers];
        var counts = new long[callers];
        var loops = new Task[callers];
        for (var c = 0; c < callers; c++)
        {
            var caller = c;
            histograms[c] = new LatencyHistogram();
            loops[c] = Task.Run(async () =>
            {
                var histogram = histograms[caller];
                long n = 0;
                while (!state.Stop)
                {
                    var started = Stopwatch.GetTimestamp();
                    await call(caller, n++).ConfigureAwait(false);
                    if (state.Measuring)
                    {
                        histogram.Record((long)Stopwatch.GetElapsedTime(started).TotalNanoseconds);
                    }
                }
            });
        }

        await Task.Delay(warmup).ConfigureAwait(false);
        state.Measuring = true;
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration).ConfigureAwait(false);
        state.Measuring = false;
        var elapsed = clock.Elapsed;
        state.Stop = true;
        await Task.WhenAll(loops).ConfigureAwait(false);

        var merged = new LatencyHistogram();
        foreach (var histogram in histograms)
        {
            merged.Add(histogram);
        }

        return new LoadResult(merged.Count, elapsed, merged);
    }

    private sealed class RunState
    {
        public volatile bool Measuring;
        public volatile bool Stop;
    }
}
