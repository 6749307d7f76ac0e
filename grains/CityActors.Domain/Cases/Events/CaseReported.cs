namespace CityActors.Domain.Cases;

/// <summary>上报: a report became a case, located and given to its street centre; <see cref="Emergency"/> names the limits an emergency profile set for it.</summary>
public sealed record CaseReported(EventMeta Meta, string CaseId, CaseReport Report, CasePlace Place, EmergencyTightening? Emergency = null) : CaseEvent(Meta);
