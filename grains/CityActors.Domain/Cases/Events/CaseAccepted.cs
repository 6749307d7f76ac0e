namespace CityActors.Domain.Cases;

/// <summary>立案.</summary>
public sealed record CaseAccepted(EventMeta Meta) : CaseEvent(Meta);
