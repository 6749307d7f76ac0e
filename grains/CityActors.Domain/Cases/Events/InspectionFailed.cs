namespace CityActors.Domain.Cases;

/// <summary>核查 failed: 返工, every sub-task goes back to handling.</summary>
public sealed record InspectionFailed(EventMeta Meta) : CaseEvent(Meta);
