namespace CityActors.Domain.Vitals;

/// <summary>
/// One indicator's minutes in one org unit for the last 24 hours: merges flushed minutes, answers windows ending now
/// and the per-minute history. Minutes older than 24 hours before the newest one are dropped.
/// </summary>
public sealed class IndicatorSeries
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private readonly SortedDictionary<DateTimeOffset, IndicatorMinute> _minutes = [];

    public IndicatorSeries()
    {
    }

    public IndicatorSeries(IEnumerable<IndicatorMinute> minutes)
    {
        ArgumentNullException.ThrowIfNull(minutes);
        foreach (var minute in minutes)
        {
            Merge(minute);
        }
    }

    public IReadOnlyCollection<IndicatorMinute> Minutes => _minutes.Values;

    public void Merge(IndicatorMinute minute)
    {
        ArgumentNullException.ThrowIfNull(minute);
        _minutes[minute.Minute] = _minutes.TryGetValue(minute.Minute, out var current) ? current.Plus(minute) : minute;
        var oldest = _minutes.Keys.Last() - Retention;
        while (_minutes.Count > 0 && _minutes.Keys.First() <= oldest)
        {
            _minutes.Remove(_minutes.Keys.First());
        }
    }

    /// <summary>The minutes that started within <paramref name="span"/> up to <paramref name="now"/> (the current minute included).</summary>
    public WindowStats Window(DateTimeOffset now, TimeSpan span)
    {
        var from = IndicatorMinute.MinuteOf(now) - span + TimeSpan.FromMinutes(1);
        long count = 0;
        double sum = 0, max = double.MinValue;
        foreach (var minute in _minutes.Values)
        {
            if (minute.Minute >= from && minute.Minute <= now)
            {
                count += minute.Count;
                sum += minute.Sum;
                max = Math.Max(max, minute.Max);
            }
        }

        return count == 0 ? WindowStats.None : new WindowStats(count, sum / count, max);
    }

    /// <summary>The latest reading of all kept minutes.</summary>
    public IndicatorMinute? Latest => _minutes.Values.MaxBy(m => m.LatestAt);

    /// <summary>Minute by minute over the last 24 hours up to <paramref name="now"/>, oldest first.</summary>
    public IReadOnlyList<IndicatorPoint> History(DateTimeOffset now)
    {
        var from = now - Retention;
        return [.. _minutes.Values.Where(m => m.Minute > from && m.Minute <= now).Select(m => new IndicatorPoint(m.Minute, m.Count, m.Sum / m.Count, m.Max))];
    }
}
