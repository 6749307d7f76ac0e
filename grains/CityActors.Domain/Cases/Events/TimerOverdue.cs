namespace CityActors.Domain.Cases;

/// <summary>红灯.</summary>
public sealed record TimerOverdue(EventMeta Meta, string Key) : CaseEvent(Meta);
