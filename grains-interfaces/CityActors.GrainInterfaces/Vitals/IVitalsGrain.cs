using CityActors.Domain.Sensors;
using CityActors.Domain.Vitals;

namespace CityActors.GrainInterfaces.Vitals;

/// <summary>
/// 城市体征 of one org unit (grid cell, community, street, district or the city), keyed by its code. Sensors report their
/// marks to their lowest unit, and the case projection the marks of the cases it projected; each unit sends its totals
/// up to its parent when they change; indicator minutes arrive already rolled up from every silo. Nothing is scanned
/// to answer.
/// </summary>
[Alias("cityactors.vitals")]
public interface IVitalsGrain : IGrainWithStringKey
{
    /// <summary>Counts a sensor placed in this unit as <paramref name="gauge"/> says; null when it moved away.</summary>
    [Alias("set-sensor")]
    Task SetSensor(string sensorId, SensorGauge? gauge);

    /// <summary>Counts the cases placed directly in this unit by their marks, in order (older versions are ignored).</summary>
    [Alias("set-cases")]
    Task SetCases(IReadOnlyList<CaseMarkUpdate> updates);

    [Alias("set-child")]
    Task SetChild(string childCode, VitalTotals totals);

    [Alias("merge")]
    Task Merge(IReadOnlyList<IndicatorMinute> minutes);

    /// <exception cref="ArgumentException">The key is not an org unit of the city.</exception>
    [Alias("get"), ReadOnly]
    Task<VitalSigns> Get();

    /// <summary>The indicator's minutes over the last 24 hours, oldest first.</summary>
    [Alias("history"), ReadOnly]
    Task<IReadOnlyList<IndicatorPoint>> GetHistory(SensorKind kind);
}
