namespace CityActors.Domain.Cases;

/// <summary>End a suspension; every clock moves on by the suspension's length.</summary>
public sealed record ResumeCase(Actor By, string? Reason = null) : CaseCommand(By);
