using System.Diagnostics;

namespace CityActors.LoadTests.Measurement;

/// <summary>
/// Runs <c>callers</c> concurrent closed loops (each issues its next call when the previous one returned) for a
/// warm-up and then a measured period, recording the latency of every call completed in the measured period.
/// </summary>
/// <remarks>
/// Each caller issues its next call from the thread pool's queue, as an independent client would, never inline on
/// the thread that completed its previous call (see the loop). A failed call is counted, not retried, and its caller goes on: a benchmark must finish and say what failed rather
/// than die at its defaults. A phase in which every call failed is an error.
/// </remarks>
public static class LoadRun
{
    /// <param name="callers">Concurrent loops.</param>
    /// <param name="warmup">Time before measuring starts.</param>
    /// <param name="duration">Measured time.</param>
    /// <param name="call">One operation of caller (first argument) number n (second argument).</param>
    public static Task<LoadResult> RunAsync(int callers, TimeSpan warmup, TimeSpan duration, Func<int, long, ValueTask> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return RunAsync(callers, warmup, duration, (caller, n, _) => call(caller, n));
    }

    /// <summary>As the other overload, with the <see cref="LoadPhase"/> passed to each operation so it can record figures of its own for the measured period only.</summary>
    public static async Task<LoadResult> RunAsync(int callers, TimeSpan warmup, TimeSpan duration, Func<int, long, LoadPhase, ValueTask> call)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(callers);
        ArgumentNullException.ThrowIfNull(call);
        var phase = new LoadPhase();
        var state = new RunState();
        using var latencies = new LatencyRecorder();
        var loops = new Task[callers];
        for (var c = 0; c < callers; c++)
        {
            var caller = c;
            loops[c] = Task.Run(async () =>
            {
                long n = 0;
                while (!phase.IsStopping)
                {
                    var started = Stopwatch.GetTimestamp();
                    bool completedAtOnce;
                    try
                    {
                        var pending = call(caller, n++, phase);
                        completedAtOnce = pending.IsCompleted;
                        await pending.ConfigureAwait(false);
                    }
#pragma warning disable CA1031 // Any failure of the system under test is counted and reported, never allowed to end the run.
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        state.Failed(ex);
                        continue;
                    }

                    if (phase.IsMeasuring)
                    {
                        latencies.Record(Stopwatch.GetElapsedTime(started));
                    }

                    // A call that completed later resumed this loop on the thread that completed it (a grain's
                    // scheduler turn, a batch writer, a channel reader). Issuing the next call from there would let
                    // a few callers run back to back on those threads while the others wait for seconds; independent
                    // callers each start their next call from the thread pool's queue instead.
                    if (!completedAtOnce)
                    {
                        await new ThreadPoolHop();
                    }
                }
            });
        }

        await Task.Delay(warmup).ConfigureAwait(false);
        phase.IsMeasuring = true;
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration).ConfigureAwait(false);
        phase.IsMeasuring = false;
        var elapsed = clock.Elapsed;
        phase.IsStopping = true;
        await Task.WhenAll(loops).ConfigureAwait(false);

        // One histogram entry per call completed in the measured period: its count is the operation count.
        var measured = latencies.Snapshot();
        var result = new LoadResult(measured.Count, elapsed, measured, state.Failures, state.FirstFailure);
        if (result.Operations == 0 && result.Failures > 0)
        {
            throw new InvalidOperationException($"Every call of the phase failed ({result.Failures:N0}); first: {result.FirstFailure}");
        }

        return result;
    }

    private sealed class RunState
    {
        private long _failures;
        private string? _firstFailure;

        public long Failures => Interlocked.Read(ref _failures);

        public string? FirstFailure => Volatile.Read(ref _firstFailure);

        public void Failed(Exception error)
        {
            Interlocked.Increment(ref _failures);
            Interlocked.CompareExchange(ref _firstFailure, $"{error.GetType().Name}: {error.Message}", null);
        }
    }
}
