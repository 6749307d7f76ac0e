namespace CityActors.Domain.Cases;

/// <summary>The report is invalid (false, not a city matter); the case ends.</summary>
public sealed record CaseRejected(EventMeta Meta) : CaseEvent(Meta);
