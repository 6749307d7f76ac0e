using System.Globalization;

namespace CityActors.Domain.Calendar;

/// <summary>
/// A city's working time: daily working hours (local wall-clock), working weekdays, public holidays and make-up
/// working days (调休, weekend days that are worked to bridge a holiday). Working intervals are converted to instants
/// through the city's time zone day by day, so daylight-saving transitions are honoured.
/// </summary>
public sealed class WorkingCalendar
{
    // A limit that cannot be met within ten years means the calendar has (almost) no working time.
    private const int MaxSearchDays = 3660;

    private readonly DailyInterval[] _hours;
    private readonly HashSet<DayOfWeek> _workingDays;
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _makeUpWorkdays;

    /// <exception cref="CalendarDefinitionException">The definition is inconsistent; every problem is listed.</exception>
    public WorkingCalendar(
        string id,
        TimeZoneInfo zone,
        IEnumerable<DailyInterval> hours,
        IEnumerable<DayOfWeek> workingDays,
        IEnumerable<DateOnly>? holidays = null,
        IEnumerable<DateOnly>? makeUpWorkdays = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(zone);
        Id = id;
        Zone = zone;
        _hours = [.. hours];
        _workingDays = [.. workingDays];
        _holidays = [.. holidays ?? []];
        _makeUpWorkdays = [.. makeUpWorkdays ?? []];
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new CalendarDefinitionException(id, errors);
        }
    }

    public string Id { get; }

    public TimeZoneInfo Zone { get; }

    public IReadOnlyList<DailyInterval> Hours => _hours;

    public bool IsWorkingDay(DateOnly date) =>
        _makeUpWorkdays.Contains(date) || (_workingDays.Contains(date.DayOfWeek) && !_holidays.Contains(date));

    /// <summary>Whether <paramref name="instant"/> falls inside working hours.</summary>
    public bool IsWorkingTime(DateTimeOffset instant) =>
        IntervalsOn(LocalDate(instant)).Any(i => i.Start <= instant && instant < i.End);

    /// <summary>When a stage started at <paramref name="start"/> with <paramref name="limit"/> is due.</summary>
    public DateTimeOffset Deadline(DateTimeOffset start, TimeLimit limit) =>
        limit.Mode == TimeMode.Natural ? start + limit.Duration : AddWorkingTime(start, limit.Duration);

    /// <summary>The instant at which <paramref name="fraction"/> of the limit has been used (for example the 80 % warning).</summary>
    public DateTimeOffset PointOf(DateTimeOffset start, TimeLimit limit, double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fraction);
        return Deadline(start, limit with { Duration = TimeSpan.FromTicks((long)(limit.Duration.Ticks * fraction)) });
    }

    /// <summary>Time counted against a limit between two instants (negative if <paramref name="to"/> is earlier).</summary>
    public TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to, TimeMode mode) =>
        mode == TimeMode.Natural ? to - from : WorkingTimeBetween(from, to);

    /// <summary>How far a stage is along its limit at <paramref name="now"/>.</summary>
    public SlaProgress Progress(DateTimeOffset start, TimeLimit limit, DateTimeOffset now)
    {
        var deadline = Deadline(start, limit);
        var elapsed = Elapsed(start, now, limit.Mode);
        var remaining = Elapsed(now, deadline, limit.Mode);
        var fraction = limit.Duration == TimeSpan.Zero ? 1.0 : elapsed / limit.Duration;
        return new SlaProgress(deadline, elapsed, remaining, fraction);
    }

    /// <summary>
    /// <paramref name="start"/> plus <paramref name="duration"/> of working time. A start outside working hours waits
    /// for the next working interval; a result that lands exactly on the end of an interval stays there.
    /// </summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        if (duration == TimeSpan.Zero)
        {
            return start;
        }

        var remaining = duration;
        var date = LocalDate(start);
        for (var day = 0; day < MaxSearchDays; day++, date = date.AddDays(1))
        {
            foreach (var (intervalStart, intervalEnd) in IntervalsOn(date))
            {
                if (intervalEnd <= start)
                {
                    continue;
                }

                var from = intervalStart > start ? intervalStart : start;
                var available = intervalEnd - from;
                if (available >= remaining)
                {
                    return (from + remaining).ToOffset(start.Offset);
                }

                remaining -= available;
            }
        }

        throw new InvalidOperationException($"Calendar '{Id}' has no {duration} of working time within {MaxSearchDays} days of {start:O}.");
    }

    /// <summary>Working time between two instants; negative when <paramref name="to"/> precedes <paramref name="from"/>.</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
        {
            return -WorkingTimeBetween(to, from);
        }

        var total = TimeSpan.Zero;
        for (var date = LocalDate(from); date <= LocalDate(to); date = date.AddDays(1))
        {
            foreach (var (start, end) in IntervalsOn(date))
            {
                var overlapStart = start > from ? start : from;
                var overlapEnd = end < to ? end : to;
                if (overlapEnd > overlapStart)
                {
                    total += overlapEnd - overlapStart;
                }
            }
        }

        return total;
    }

    /// <summary>The working intervals of one local date as instants (none on a non-working day).</summary>
    public IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> IntervalsOn(DateOnly date)
    {
        if (!IsWorkingDay(date))
        {
            yield break;
        }

        foreach (var interval in _hours)
        {
            var start = ToInstant(date, interval.Start);
            var end = ToInstant(date, interval.End);
            if (end > start)
            {
                yield return (start, end);
            }
        }
    }

    private DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    private DateTimeOffset ToInstant(DateOnly date, TimeSpan sinceMidnight)
    {
        var local = DateTime.SpecifyKind(date.ToDateTime(TimeOnly.MinValue) + sinceMidnight, DateTimeKind.Unspecified);

        // A wall-clock time skipped by a spring-forward transition starts when the clock resumes.
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        // A repeated wall-clock time (fall back) is taken at its first occurrence.
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    private List<string> Validate()
    {
        var errors = new List<string>();
        if (_hours.Length == 0)
        {
            errors.Add("it has no working hours");
        }

        for (var i = 0; i < _hours.Length; i++)
        {
            var h = _hours[i];
            if (h.Start < TimeSpan.Zero || h.End > TimeSpan.FromHours(24) || h.Start >= h.End)
            {
                errors.Add($"working interval {h} must start before it ends, within 00:00–24:00");
            }
            else if (i > 0 && h.Start < _hours[i - 1].End)
            {
                errors.Add($"working interval {h} overlaps or precedes {_hours[i - 1]}; list intervals in order without overlap");
            }
        }

        if (_workingDays.Count == 0 && _makeUpWorkdays.Count == 0)
        {
            errors.Add("it has no working days");
        }

        foreach (var date in _holidays.Intersect(_makeUpWorkdays).Order())
        {
            errors.Add($"{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is both a holiday and a make-up working day");
        }

        foreach (var date in _makeUpWorkdays.Where(d => _workingDays.Contains(d.DayOfWeek) && !_holidays.Contains(d)).Order())
        {
            errors.Add($"make-up working day {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is a {date.DayOfWeek}, already a working day");
        }

        return errors;
    }
}
