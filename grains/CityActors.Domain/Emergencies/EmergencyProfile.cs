using CityActors.Domain.Calendar;
using CityActors.Domain.Matters;
using CityActors.Domain.Sensors;

namespace CityActors.Domain.Emergencies;

/// <summary>
/// An emergency profile of the city package (平战切换: flood and typhoon, a major event, …): the sensor thresholds it
/// tightens and the stage limits it sets for new cases of chosen matters, at both urgencies.
/// </summary>
public sealed record EmergencyProfile(
    string Code,
    string NameZh,
    string NameEn,
    IReadOnlyList<ThresholdOverride> Thresholds,
    IReadOnlyDictionary<string, IReadOnlyDictionary<CaseStage, TimeLimit>> MatterLimits)
{
    /// <summary>The threshold levels for sensors of one kind.</summary>
    public IReadOnlyList<ThresholdOverride> ThresholdsFor(SensorKind kind) => [.. Thresholds.Where(t => t.Kind == kind)];
}
