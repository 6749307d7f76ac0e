namespace CityActors.Domain.Cases;

/// <summary>上报: a report became a case, located and given to its street centre.</summary>
public sealed record CaseReported(EventMeta Meta, string CaseId, CaseReport Report, CasePlace Place) : CaseEvent(Meta);
