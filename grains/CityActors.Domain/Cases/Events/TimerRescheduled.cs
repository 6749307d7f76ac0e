namespace CityActors.Domain.Cases;

/// <summary>A clock moved: an approved extension or the end of a suspension.</summary>
public sealed record TimerRescheduled(EventMeta Meta, string Key, TimeSpan Added, DateTimeOffset WarnAt, DateTimeOffset DueAt, DateTimeOffset? EscalationDueAt) : CaseEvent(Meta);
