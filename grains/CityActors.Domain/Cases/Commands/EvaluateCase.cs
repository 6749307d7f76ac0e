namespace CityActors.Domain.Cases;

/// <summary>评价 / 回访: satisfaction 1–5.</summary>
public sealed record EvaluateCase(Actor By, int Satisfaction, string? Comment = null) : CaseCommand(By);
