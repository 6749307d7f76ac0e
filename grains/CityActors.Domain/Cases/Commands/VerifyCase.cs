namespace CityActors.Domain.Cases;

/// <summary>核实: the report is true.</summary>
public sealed record VerifyCase(Actor By, string? Note = null, IReadOnlyList<string>? Photos = null) : CaseCommand(By);
