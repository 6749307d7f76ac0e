using CityActors.Domain.Calendar;
using CityActors.Domain.Matters;

namespace CityActors.Domain.Cases;

/// <summary>
/// One running clock of a case: a stage's limit (or a supervision order's), when it started, how much time extensions and
/// suspensions added, the warning point and deadline that follow, and how far up it has been escalated. Deadlines are
/// computed by <see cref="SlaPlanner"/> with the working calendar and stored, so replaying the journal needs no calendar.
/// </summary>
/// <param name="Key">Unique within the case: "verify", "dispatch", "signfor:{dept}", "handle:{dept}", "inspect", "supervision:{n}".</param>
/// <param name="Stage">The stage it times; null for a supervision order.</param>
/// <param name="Owner">Who must act before the deadline.</param>
/// <param name="Start">When the clock started.</param>
/// <param name="Limit">The catalogue's (or supervision order's) limit.</param>
/// <param name="Added">Time added by approved extensions and by suspensions, in the limit's mode.</param>
/// <param name="WarnAt">The 黄灯 point.</param>
/// <param name="DueAt">The 红灯 point: the deadline.</param>
/// <param name="Phase">How far the clock has gone.</param>
/// <param name="EscalationLevel">0 at the street centre, 1 at the district centre, 2 at the city centre.</param>
/// <param name="EscalatedTo">Unit code of the centre the work was escalated to.</param>
/// <param name="EscalationDueAt">The deadline of the centre it was escalated to, when that is not the stage's own.</param>
public sealed record SlaTimer(
    string Key,
    CaseStage? Stage,
    WorkOwner Owner,
    DateTimeOffset Start,
    TimeLimit Limit,
    TimeSpan Added,
    DateTimeOffset WarnAt,
    DateTimeOffset DueAt,
    TimerPhase Phase = TimerPhase.Running,
    int EscalationLevel = 0,
    string? EscalatedTo = null,
    DateTimeOffset? EscalationDueAt = null)
{
    public const int TopEscalationLevel = 2;

    public bool IsSupervision => Stage is null;

    /// <summary>The limit with extensions and suspensions added.</summary>
    public TimeLimit EffectiveLimit => Limit with { Duration = Limit.Duration + Added };

    /// <summary>The next instant at which this clock does something, or null when it has nothing more to do.</summary>
    public DateTimeOffset? NextPoint => Phase switch
    {
        TimerPhase.Running => WarnAt,
        TimerPhase.Warned => DueAt,
        _ => !IsSupervision && EscalationLevel is > 0 and < TopEscalationLevel ? EscalationDueAt : null,
    };
}
