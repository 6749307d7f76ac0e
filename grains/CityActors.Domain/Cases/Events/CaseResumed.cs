namespace CityActors.Domain.Cases;

/// <summary>The suspension ended; the clocks were moved on by its length (see the <see cref="TimerRescheduled"/> events).</summary>
public sealed record CaseResumed(EventMeta Meta) : CaseEvent(Meta);
