namespace CityActors.Domain.Cases;

/// <summary>黄灯.</summary>
public sealed record TimerWarned(EventMeta Meta, string Key) : CaseEvent(Meta);
