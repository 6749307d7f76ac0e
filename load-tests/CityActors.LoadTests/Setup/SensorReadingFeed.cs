using CityActors.Domain.Sensors;

namespace CityActors.LoadTests.Setup;

/// <summary>
/// Batches of readings for closed-loop senders. Sender s owns the sensors s, s + senders, s + 2 × senders, … and
/// takes them in turn, so each sensor's readings come from one sender, one batch after the other, and their
/// timestamps can strictly increase: a reading is taken now (to the millisecond), or a millisecond after the sensor's
/// previous one when that is later. Timestamps thus follow the clock, never run ahead of it by more than a few
/// milliseconds (no reading is in the future) and never fall behind (no sensor is overdue and goes offline).
/// Values come from <see cref="SensorReadingGenerator"/>.
/// </summary>
/// <remarks>Not thread-safe per sender: a sender asks for its next batch once its previous one was answered.</remarks>
public sealed class SensorReadingFeed
{
    private readonly SensorFleet _fleet;
    private readonly SensorReadingGenerator _generator;
    private readonly TimeProvider _time;
    private readonly Slice[] _slices;

    public SensorReadingFeed(SensorFleet fleet, int senders, int batchSize, SensorReadingGenerator generator, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (senders <= 0 || senders > fleet.Count)
        {
            throw new ArgumentException($"Senders must be 1–{fleet.Count:N0} (one sensor each at least), not {senders:N0}.", nameof(senders));
        }

        (_fleet, BatchSize, _generator, _time) = (fleet, batchSize, generator, time);
        _slices = [.. Enumerable.Range(0, senders).Select(sender => new Slice(sender, senders, fleet.Count))];
    }

    public int BatchSize { get; }

    /// <summary>How many batches sender <paramref name="sender"/> sends before each of its sensors has had a reading.</summary>
    public int BatchesToReachAll(int sender) => (_slices[sender].Sensors.Length + BatchSize - 1) / BatchSize;

    public SensorReading[] NextBatch(int sender)
    {
        var slice = _slices[sender];
        var now = _time.GetUtcNow().UtcTicks;
        now -= now % TimeSpan.TicksPerMillisecond;
        var batch = new SensorReading[BatchSize];
        for (var i = 0; i < batch.Length; i++)
        {
            var k = slice.Cursor;
            slice.Cursor = (k + 1) % slice.Sensors.Length;
            var at = Math.Max(now, slice.LastTicks[k] + TimeSpan.TicksPerMillisecond);
            slice.LastTicks[k] = at;
            batch[i] = _generator.ReadingAt(_fleet.Definitions[slice.Sensors[k]], new DateTimeOffset(at, TimeSpan.Zero));
        }

        return batch;
    }

    private sealed class Slice
    {
        public Slice(int sender, int senders, int sensors)
        {
            Sensors = [.. Enumerable.Range(0, sensors).Where(i => i % senders == sender)];
            LastTicks = new long[Sensors.Length];
        }

        /// <summary>Indexes into the fleet of the sensors this sender owns.</summary>
        public int[] Sensors { get; }

        /// <summary>UTC ticks of each owned sensor's last reading, by position in <see cref="Sensors"/>.</summary>
        public long[] LastTicks { get; }

        public int Cursor { get; set; }
    }
}
