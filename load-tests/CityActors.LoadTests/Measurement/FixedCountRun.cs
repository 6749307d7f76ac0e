using System.Diagnostics;

namespace CityActors.LoadTests.Measurement;

/// <summary>
/// Performs exactly <c>count</c> operations, at most <c>concurrency</c> at a time, and measures how long they took
/// and each one's latency: for setup-like work whose amount matters (registering N reminders) rather than a timed loop.
/// </summary>
public static class FixedCountRun
{
    public static async Task<LoadResult> RunAsync(int count, int concurrency, Func<int, Task> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        using var latencies = new LatencyRecorder();
        long failures = 0;
        string? firstFailure = null;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await operation(i).ConfigureAwait(false);
                latencies.Record(Stopwatch.GetElapsedTime(started));
            }
#pragma warning disable CA1031 // Counted and reported; the run goes on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Interlocked.Increment(ref failures);
                Interlocked.CompareExchange(ref firstFailure, $"{ex.GetType().Name}: {ex.Message}", null);
            }
        }).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        var measured = latencies.Snapshot();
        return new LoadResult(measured.Count, elapsed, measured, failures, firstFailure);
    }
}
