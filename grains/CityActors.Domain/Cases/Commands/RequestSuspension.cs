namespace CityActors.Domain.Cases;

/// <summary>挂起/缓办: stop every clock of the case until it resumes.</summary>
public sealed record RequestSuspension(Actor By, string Department, string Reason) : CaseCommand(By);
