using CityActors.Domain.Sensors;
using CityActors.LoadTests.Measurement;
using CityActors.LoadTests.Replay.Reporting;
using CityActors.LoadTests.Setup;

namespace CityActors.LoadTests.Replay.Sensors;

/// <summary>
/// A sensor fleet reporting on a schedule, open loop: every sensor once per interval, the fleet's readings due in each
/// 100 ms tick sent at that tick in batches of up to 500, each batch's latency from its tick. Values come from
/// <see cref="SensorReadingGenerator"/> with the run's alarm probability (an alarm opens a sensor case in the cluster).
/// Batches still unanswered are capped: beyond the cap a due batch is counted as not sent ("client backlog"), so a
/// cluster that stops answering shows as errors rather than as this process running out of memory.
/// </summary>
public sealed class SensorLoad(SensorFleet fleet, double intervalSeconds, SensorReadingGenerator generator, Func<SensorReading[], VerdictTally, Task> send, ReplayMetrics metrics)
{
    public const string Operation = "sensor batch";
    private const int BatchSize = 500;
    private const int MaxInFlight = 2000;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly long[] _lastTicks = new long[fleet.Count];
    private int _inFlight;
    private long _offered;

    public VerdictTally Verdicts { get; } = new();

    public double ReadingsPerSecond => fleet.Count / intervalSeconds;

    /// <summary>Readings due by the schedule up to now.</summary>
    public long Offered => Interlocked.Read(ref _offered);

    /// <summary>Sends from <paramref name="start"/> (on the metrics' clock) for <paramref name="duration"/>, then waits for the last answers.</summary>
    public async Task RunAsync(TimeSpan start, TimeSpan duration, CancellationToken stop)
    {
        var pending = new List<Task>();
        long sent = 0;
        var cursor = 0;
        for (var tick = start; tick < start + duration && !stop.IsCancellationRequested; tick += Tick)
        {
            var wait = tick - metrics.Now;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, stop).ConfigureAwait(false);
            }

            var due = (long)((tick - start + Tick).TotalSeconds * ReadingsPerSecond);
            while (sent < due)
            {
                var count = (int)Math.Min(BatchSize, due - sent);
                sent += count;
                Interlocked.Add(ref _offered, count);
                metrics.SensorBatches.Offer(tick);
                if (Volatile.Read(ref _inFlight) >= MaxInFlight)
                {
                    metrics.Failed(Operation, "client backlog", metrics.Now, metrics.SensorBatches);
                    cursor = (cursor + count) % fleet.Count;
                    continue;
                }

                var batch = NextBatch(ref cursor, count);
                Interlocked.Increment(ref _inFlight);
                pending.Add(SendAsync(batch, tick));
            }

            pending.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    private SensorReading[] NextBatch(ref int cursor, int count)
    {
        var now = DateTimeOffset.UtcNow.UtcTicks;
        now -= now % TimeSpan.TicksPerMillisecond;
        var batch = new SensorReading[count];
        for (var i = 0; i < count; i++)
        {
            var k = cursor;
            cursor = (cursor + 1) % fleet.Count;
            var at = Math.Max(now, _lastTicks[k] + TimeSpan.TicksPerMillisecond);
            _lastTicks[k] = at;
            batch[i] = generator.ReadingAt(fleet.Definitions[k], new DateTimeOffset(at, TimeSpan.Zero));
        }

        return batch;
    }

    private async Task SendAsync(SensorReading[] batch, TimeSpan intended)
    {
        await Task.Yield();
        try
        {
            await send(batch, Verdicts).ConfigureAwait(false);
            metrics.Succeeded(Operation, intended, metrics.Now, metrics.SensorBatches, batch.Length);
        }
#pragma warning disable CA1031 // Every failure is counted by kind; the fleet goes on reporting.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            metrics.Failed(Operation, Lifecycle.LifecycleRunner.KindOf(ex), metrics.Now, metrics.SensorBatches, $"{ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
