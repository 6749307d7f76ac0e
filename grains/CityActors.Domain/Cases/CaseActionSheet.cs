using CityActors.Domain.Calendar;
using CityActors.Domain.Matters;

namespace CityActors.Domain.Cases;

/// <summary>What one caller may do with a case at <paramref name="At"/> (<see cref="CaseActions"/>), and its running clocks.</summary>
/// <param name="Commands">The public commands the decider would not refuse for the caller's role, org and the case's state.</param>
/// <param name="Clocks">Running stage and supervision clocks, soonest deadline first.</param>
/// <param name="At">The instant the sheet was made for.</param>
public sealed record CaseActionSheet(IReadOnlyList<string> Commands, IReadOnlyList<ClockStanding> Clocks, DateTimeOffset At);

/// <summary>Where one clock stands: 黄灯 / 红灯 points and the time left to its deadline, counted in its own mode.</summary>
/// <param name="Key">The clock's key in the case ("verify", "handle:{dept}", …).</param>
/// <param name="Stage">The stage it times; null for a supervision order.</param>
/// <param name="Owner">Who must act before the deadline.</param>
/// <param name="Phase">Running, warned (黄灯) or overdue (红灯).</param>
/// <param name="WarnAt">The 黄灯 point.</param>
/// <param name="DueAt">The 红灯 point: the deadline.</param>
/// <param name="Mode">Whether the limit counts working or natural time.</param>
/// <param name="EscalationLevel">0 at the street centre, 1 at the district centre, 2 at the city centre.</param>
/// <param name="Remaining">Working time (or natural time for a natural limit) from now to the deadline; negative once overdue.</param>
public sealed record ClockStanding(
    string Key,
    CaseStage? Stage,
    WorkOwner Owner,
    TimerPhase Phase,
    DateTimeOffset WarnAt,
    DateTimeOffset DueAt,
    TimeMode Mode,
    TimeSpan Remaining,
    int EscalationLevel);
