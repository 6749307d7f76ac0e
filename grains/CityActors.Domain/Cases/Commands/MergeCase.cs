namespace CityActors.Domain.Cases;

/// <summary>The report duplicates an open case; its reporter is linked there and this case ends.</summary>
public sealed record MergeCase(Actor By, string IntoCaseId) : CaseCommand(By);
