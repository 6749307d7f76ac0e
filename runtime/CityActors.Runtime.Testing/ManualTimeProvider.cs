namespace CityActors.Testing;

/// <summary>
/// A clock that moves only when told to. <see cref="Advance"/> fires every timer that falls due, in due-time order,
/// synchronously on the calling thread, with <see cref="GetUtcNow"/> set to each timer's due time while it runs.
/// Timestamps advance with the clock, so deadlines and idle ages measured with <see cref="TimeProvider.GetTimestamp"/>
/// follow it too.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly object _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly TimeZoneInfo _localTimeZone;
    private DateTimeOffset _now;
    private long _sequence;

    public ManualTimeProvider(DateTimeOffset start, TimeZoneInfo? localTimeZone = null)
    {
        _now = start.ToUniversalTime();
        _localTimeZone = localTimeZone ?? TimeZoneInfo.Utc;
    }

    public ManualTimeProvider()
        : this(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public override TimeZoneInfo LocalTimeZone => _localTimeZone;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Timers currently armed.</summary>
    public int ActiveTimerCount
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count(t => t.DueAt is not null);
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        lock (_lock)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward by <paramref name="delta"/>, firing due timers on the way (zero fires timers due now).</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_lock)
        {
            target = _now + delta;
        }

        while (true)
        {
            ManualTimer? next;
            lock (_lock)
            {
                next = _timers.Where(t => t.DueAt <= target).MinBy(t => (t.DueAt, t.Sequence));
                if (next is null)
                {
                    _now = target;
                    return;
                }

                if (next.DueAt > _now)
                {
                    _now = next.DueAt!.Value;
                }

                next.DueAt = next.Period is { } period ? _now + period : null;
                next.Sequence = ++_sequence;
            }

            next.Callback(next.State);
        }
    }

    /// <summary>Moves the clock to <paramref name="instant"/>, which must not be in the past.</summary>
    public void AdvanceTo(DateTimeOffset instant) => Advance(instant - GetUtcNow());

    private void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            timer.DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : _now + dueTime;
            timer.Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
            timer.Sequence = ++_sequence;
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan? Period { get; set; }

        public long Sequence { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(dueTime));
            }

            owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
