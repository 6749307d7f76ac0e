using CityActors.LoadTests.Replay.Sources;

namespace CityActors.LoadTests.Replay.Lifecycle;

/// <summary>
/// One command of a case's plan, due <see cref="At"/> after the case's arrival (wall time). <see cref="Passed"/>: for an
/// inspection, passed; for an extension decision, approved. <see cref="Extra"/>: the time an extension asks for.
/// </summary>
public sealed record PlannedStep(TimeSpan At, StepKind Kind, bool Passed = true, int Satisfaction = 0, TimeSpan Extra = default);

/// <summary>
/// One run of a stage clock as the plan implies it: it starts at one planned command and stops at another
/// <see cref="Delay"/> later, against <see cref="Limit"/> (wall time, compressed); <see cref="CityEscalationAfter"/> is
/// when the district's escalation limit runs out after the deadline.
/// </summary>
public sealed record PlannedClock(string Stage, TimeSpan Delay, TimeSpan Limit, TimeSpan WarnAfter, TimeSpan CityEscalationAfter);

/// <summary>A case's arrival, the department it will be dispatched to, and everything its people will do.</summary>
public sealed record CasePlan(CaseArrival Arrival, string Department, IReadOnlyList<PlannedStep> Steps, IReadOnlyList<PlannedClock> Clocks)
{
    public string CaseId => CityActors.Domain.Cases.Channels.CaseIdFor(Arrival.Channel, Arrival.ExternalId);

    public TimeSpan Duration => Steps[^1].At;
}
