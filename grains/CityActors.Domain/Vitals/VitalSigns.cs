using CityActors.Domain.City;
using CityActors.Domain.Emergencies;

namespace CityActors.Domain.Vitals;

/// <summary>城市体征 of one org unit at one moment: sensors, alarms, indicators, open and overdue cases, and the emergency profile in force.</summary>
public sealed record VitalSigns(
    string UnitCode,
    OrgLevel Level,
    DateTimeOffset At,
    SensorCounts Sensors,
    int ActiveAlarms,
    IReadOnlyList<IndicatorVitals> Indicators,
    IReadOnlyList<MatterCaseCount> Cases,
    ActiveEmergency? Emergency);
