namespace CityActors.Domain.Cases;

/// <summary>A centre leader approved or refused the department's suspension request; approved, every clock stops.</summary>
public sealed record SuspensionDecided(EventMeta Meta, string Department, bool Approved) : CaseEvent(Meta);
