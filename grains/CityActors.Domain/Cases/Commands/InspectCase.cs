namespace CityActors.Domain.Cases;

/// <summary>核查: passed closes the case (结案), failed sends it back for rework (返工).</summary>
public sealed record InspectCase(Actor By, bool Passed, string? Note = null, IReadOnlyList<string>? Photos = null) : CaseCommand(By);
