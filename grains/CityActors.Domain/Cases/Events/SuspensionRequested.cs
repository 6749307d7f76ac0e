namespace CityActors.Domain.Cases;

/// <summary>挂起/缓办 asked for: every clock of the case stops until it resumes.</summary>
public sealed record SuspensionRequested(EventMeta Meta, string Department) : CaseEvent(Meta);
