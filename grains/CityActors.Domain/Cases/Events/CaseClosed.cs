namespace CityActors.Domain.Cases;

/// <summary>核查 passed: 结案.</summary>
public sealed record CaseClosed(EventMeta Meta) : CaseEvent(Meta);
