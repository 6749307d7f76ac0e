using CityActors.Domain.Sensors;

namespace CityActors.Domain.Vitals;

/// <summary>What vital signs count of one sensor: whether it reports and how many of its conditions are alarms now.</summary>
public sealed record SensorGauge(SensorStatus Status, int ActiveAlarms)
{
    public static SensorGauge Of(SensorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new(state.Status, state.ActiveAlarms);
    }
}
