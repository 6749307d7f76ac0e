namespace CityActors.Domain.Cases;

/// <summary>延期: more time on the department's handling limit, counted in the limit's own mode.</summary>
public sealed record RequestExtension(Actor By, string Department, TimeSpan Extra, string Reason) : CaseCommand(By);
