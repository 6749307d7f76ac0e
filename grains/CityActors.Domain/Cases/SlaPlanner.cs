using CityActors.Domain.Calendar;
using CityActors.Domain.City;
using CityActors.Domain.Matters;

namespace CityActors.Domain.Cases;

/// <summary>Computes clocks with the city's working calendar: starts, escalation deadlines, extensions and suspensions.</summary>
public sealed class SlaPlanner(WorkingCalendar calendar, CaseRules rules)
{
    public SlaTimer Start(string key, CaseStage? stage, WorkOwner owner, DateTimeOffset start, TimeLimit limit, int escalationLevel = 0, string? escalatedTo = null) =>
        new(key, stage, owner, start, limit, TimeSpan.Zero, calendar.PointOf(start, limit, rules.WarnFraction), calendar.Deadline(start, limit), TimerPhase.Running, escalationLevel, escalatedTo);

    /// <summary>The deadline of the centre a case escalates to at <paramref name="level"/>, counted from <paramref name="from"/>.</summary>
    public DateTimeOffset EscalationDue(int level, DateTimeOffset from) => calendar.Deadline(from, EscalationLimit(level));

    /// <summary>The unit whose centre handles escalation <paramref name="level"/> of a case in <paramref name="place"/>.</summary>
    public static string EscalationCentre(CityModel city, CasePlace place, int level) => level switch
    {
        1 => place.DistrictCode,
        2 => city.Root.Code,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Escalation levels are 1 (district) and 2 (city)."),
    };

    /// <summary>The clock with <paramref name="extra"/> more limit (in the limit's own mode): new warning point and deadline.</summary>
    public TimerRescheduled Extend(SlaTimer timer, TimeSpan extra, EventMeta meta)
    {
        var extended = timer with { Added = timer.Added + extra };
        var limit = extended.EffectiveLimit;
        var warnAt = timer.Phase == TimerPhase.Running ? calendar.PointOf(timer.Start, limit, rules.WarnFraction) : timer.WarnAt;
        return new TimerRescheduled(meta, timer.Key, extended.Added, warnAt, calendar.Deadline(timer.Start, limit), timer.EscalationDueAt);
    }

    /// <summary>
    /// The clock after a suspension from <paramref name="from"/> to <paramref name="to"/>: every point still ahead at
    /// <paramref name="from"/> moves on by the suspension's length measured in that point's mode — the same instant as
    /// recomputing from the start with the suspension added to the limit.
    /// </summary>
    public TimerRescheduled Shift(SlaTimer timer, DateTimeOffset from, DateTimeOffset to, EventMeta meta)
    {
        // The suspension's length in each mode, measured once (working time walks the calendar day by day).
        var paused = new Dictionary<TimeMode, TimeLimit>();
        TimeLimit PausedIn(TimeMode mode) =>
            paused.TryGetValue(mode, out var length) ? length : paused[mode] = new TimeLimit(calendar.Elapsed(from, to, mode), mode);
        DateTimeOffset Move(DateTimeOffset point, TimeMode mode) => point > from ? calendar.Deadline(point, PausedIn(mode)) : point;

        var escalationDue = timer.EscalationDueAt is { } due ? Move(due, EscalationLimit(Math.Max(1, timer.EscalationLevel)).Mode) : (DateTimeOffset?)null;
        var mode = timer.Limit.Mode;
        return new TimerRescheduled(meta, timer.Key, timer.Added + PausedIn(mode).Duration, Move(timer.WarnAt, mode), Move(timer.DueAt, mode), escalationDue);
    }

    private TimeLimit EscalationLimit(int level) => level switch
    {
        1 => rules.DistrictEscalationLimit,
        2 => rules.CityEscalationLimit,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Escalation levels are 1 (district) and 2 (city)."),
    };
}
