namespace CityActors.Domain.Vitals;

/// <summary>One minute of an indicator's history in one org unit.</summary>
public sealed record IndicatorPoint(DateTimeOffset Minute, long Count, double Average, double Max);
