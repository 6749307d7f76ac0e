namespace CityActors.Domain.Cases;

/// <summary>签收 the department's sub-task.</summary>
public sealed record SignFor(Actor By, string Department) : CaseCommand(By);
