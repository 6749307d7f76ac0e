namespace CityActors.Domain.Cases;

/// <summary>派遣 by hand, to a lead department and optional co-handlers (多跨).</summary>
public sealed record DispatchCase(Actor By, string Lead, IReadOnlyList<string>? CoHandlers = null, string? Note = null) : CaseCommand(By);
