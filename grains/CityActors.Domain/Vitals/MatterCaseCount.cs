namespace CityActors.Domain.Vitals;

/// <summary>Open and overdue cases of one matter.</summary>
public sealed record MatterCaseCount(string MatterCode, int Open, int Overdue);
