namespace CityActors.Domain.Cases;

/// <summary>督办 by a higher centre, with its own clock (the timer named by <see cref="TimerKeys.Supervision"/>).</summary>
public sealed record SupervisionIssued(EventMeta Meta, int SupervisionId, string CentreUnit) : CaseEvent(Meta);
