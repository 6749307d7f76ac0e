namespace CityActors.Domain.Cases;

/// <summary>The report is invalid.</summary>
public sealed record RejectCase(Actor By, string Reason) : CaseCommand(By);
