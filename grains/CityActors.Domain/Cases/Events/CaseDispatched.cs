namespace CityActors.Domain.Cases;

/// <summary>派遣 to a lead department and optional co-handlers (多跨), each with its own sub-task.</summary>
public sealed record CaseDispatched(EventMeta Meta, string Lead, IReadOnlyList<string> CoHandlers, bool Manual) : CaseEvent(Meta);
