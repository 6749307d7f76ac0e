namespace CityActors.LoadTests.Measurement;

/// <summary>
/// Ticks of Orleans' stock reminders received by the benchmark's grains while <see cref="Measuring"/>: how many, and
/// each one's lateness (arrival − the tick's scheduled time). Thread-safe; shared by all grains of the silo.
/// </summary>
/// <remarks>
/// Orleans reports <see cref="TickStatus.CurrentTickTime"/> as the instant its reminder service fired the tick, not the
/// instant the tick was due; the due instant is the last one of the schedule (first tick + k × period) at or before it,
/// as Orleans' own tardiness metric takes it. A tick fired more than a period late is therefore seen as less late.
/// </remarks>
public sealed class ReminderTickLog : IDisposable
{
    private readonly LatencyRecorder _lateness = new();
    private long _ticks;
    private volatile bool _measuring;

    public bool Measuring
    {
        get => _measuring;
        set => _measuring = value;
    }

    public long Ticks => Interlocked.Read(ref _ticks);

    public void Record(TickStatus status, DateTime arrivedUtc)
    {
        if (!_measuring)
        {
            return;
        }

        var sinceFirst = status.CurrentTickTime - status.FirstTickTime;
        var scheduled = status.Period > TimeSpan.Zero && sinceFirst > TimeSpan.Zero
            ? status.FirstTickTime + TimeSpan.FromTicks(sinceFirst.Ticks - (sinceFirst.Ticks % status.Period.Ticks))
            : status.FirstTickTime;
        _lateness.Record(arrivedUtc - scheduled);
        Interlocked.Increment(ref _ticks);
    }

    /// <summary>Lateness of the ticks measured; take it once measuring has stopped.</summary>
    public LatencyHistogram Lateness() => _lateness.Snapshot();

    public void Dispose() => _lateness.Dispose();
}
