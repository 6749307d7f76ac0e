namespace CityActors.Domain.Cases;

/// <summary>A clock started, with its warning point and deadline already computed from the working calendar.</summary>
public sealed record TimerStarted(EventMeta Meta, SlaTimer Timer) : CaseEvent(Meta);
