namespace CityActors.Domain.Cases;

/// <summary>An open case as the duplicate index knows it: matter, position on the city's metric plane, report time.</summary>
public sealed record OpenCaseMark(string CaseId, string MatterCode, double X, double Y, DateTimeOffset ReportedAt);
