namespace CityActors.Domain.Cases;

/// <summary>Overdue work moved up to the centre of <paramref name="CentreUnit"/>, which has until <paramref name="DueAt"/>.</summary>
public sealed record TimerEscalated(EventMeta Meta, string Key, int Level, string CentreUnit, DateTimeOffset DueAt) : CaseEvent(Meta);
