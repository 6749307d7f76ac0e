namespace CityActors.Domain.Cases;

/// <summary>退单 with a reason.</summary>
public sealed record ReturnCase(Actor By, string Department, string Reason) : CaseCommand(By);
