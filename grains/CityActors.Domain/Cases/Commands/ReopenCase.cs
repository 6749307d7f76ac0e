namespace CityActors.Domain.Cases;

/// <summary>Reopen a closed case within the reopen window.</summary>
public sealed record ReopenCase(Actor By, string Reason) : CaseCommand(By);
