namespace CityActors.Domain.Cases;

/// <summary>核实: the report is true.</summary>
public sealed record CaseVerified(EventMeta Meta) : CaseEvent(Meta);
