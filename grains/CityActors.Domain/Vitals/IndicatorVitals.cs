using CityActors.Domain.Sensors;

namespace CityActors.Domain.Vitals;

/// <summary>One indicator in an org unit: the latest reading and the 5-minute, 1-hour and 24-hour windows up to now.</summary>
public sealed record IndicatorVitals(
    string Indicator,
    SensorKind Kind,
    string UnitOfMeasure,
    double? Latest,
    DateTimeOffset? LatestAt,
    WindowStats Last5Minutes,
    WindowStats LastHour,
    WindowStats Last24Hours);
