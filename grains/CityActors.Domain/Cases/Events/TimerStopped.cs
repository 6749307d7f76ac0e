namespace CityActors.Domain.Cases;

/// <summary>The stage finished (or the case ended): the clock is gone.</summary>
public sealed record TimerStopped(EventMeta Meta, string Key) : CaseEvent(Meta);
