namespace CityActors.LoadTests.Measurement;

/// <summary>
/// What the deadlines benchmark's grains received: which of the pending deadlines (numbered 0…N−1) were delivered,
/// how many deliveries repeated one (delivery is at least once), the lateness of each first delivery (arrival at the
/// grain − due instant) and when the last one arrived. Thread-safe; shared by all grains of the silo.
/// </summary>
public sealed class FiringLog : IDisposable
{
    private readonly long[] _seen;
    private readonly LatencyRecorder _lateness = new();

    // Lateness by quarter of the schedule (deadline i is due at i / Pending of the way through it): tells a slow start
    // from a steady lag.
    private readonly LatencyRecorder[] _latenessByQuarter = [new(), new(), new(), new()];
    private long _distinct;
    private long _duplicates;
    private long _lastArrivalTicks;

    public FiringLog(int pending)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pending);
        Pending = pending;
        _seen = new long[(pending + 63) / 64];
    }

    public int Pending { get; }

    public long Distinct => Interlocked.Read(ref _distinct);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public DateTimeOffset LastArrival => new(Interlocked.Read(ref _lastArrivalTicks), TimeSpan.Zero);

    public void Record(int index, DateTimeOffset due, DateTimeOffset arrived)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Pending);
        var bit = 1L << (index & 63);
        if ((Interlocked.Or(ref _seen[index >> 6], bit) & bit) != 0)
        {
            Interlocked.Increment(ref _duplicates);
            return;
        }

        _lateness.Record(arrived - due);
        _latenessByQuarter[(int)(index * 4L / Pending)].Record(arrived - due);
        Interlocked.Increment(ref _distinct);
        var ticks = arrived.UtcTicks;
        var last = Interlocked.Read(ref _lastArrivalTicks);
        while (ticks > last && Interlocked.CompareExchange(ref _lastArrivalTicks, ticks, last) is var seen && seen != last)
        {
            last = seen;
        }
    }

    /// <summary>Lateness of the first deliveries so far; take it once deliveries have stopped.</summary>
    public LatencyHistogram Lateness() => _lateness.Snapshot();

    /// <summary>Lateness of the first deliveries of each quarter of the schedule, in order.</summary>
    public IReadOnlyList<LatencyHistogram> LatenessByQuarter() => [.. _latenessByQuarter.Select(r => r.Snapshot())];

    public void Dispose()
    {
        _lateness.Dispose();
        foreach (var quarter in _latenessByQuarter)
        {
            quarter.Dispose();
        }
    }
}
