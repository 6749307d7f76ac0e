namespace CityActors.Domain.Vitals;

/// <summary>Open, overdue (a stage clock red) and warned (one yellow) cases of one matter.</summary>
public sealed record MatterCaseCount(string MatterCode, int Open, int Overdue, int Warned = 0);
