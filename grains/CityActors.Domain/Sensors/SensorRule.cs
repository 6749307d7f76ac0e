using System.Text.Json.Serialization;

namespace CityActors.Domain.Sensors;

/// <summary>
/// A condition a sensor watches for. While the condition lasts it has at most one case, of <see cref="MatterCode"/>.
/// <see cref="Code"/> names the rule within its sensor (letters, digits, '-' and '_', at most 16): it is part of the
/// ids of the cases the rule opens.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$rule")]
[JsonDerivedType(typeof(ThresholdRule), "threshold")]
[JsonDerivedType(typeof(RateOfChangeRule), "rate-of-change")]
[JsonDerivedType(typeof(OfflineRule), "offline")]
public abstract record SensorRule(string Code, string MatterCode);

/// <summary>
/// A level beyond <see cref="Trigger"/> held for at least <see cref="MinDuration"/> (debounce) starts the condition; it
/// ends only when the level is back beyond <see cref="Clear"/> (hysteresis, so a value hovering at the trigger does
/// not open and close cases).
/// </summary>
public sealed record ThresholdRule(string Code, string MatterCode, ThresholdDirection Direction, double Trigger, double Clear, TimeSpan MinDuration)
    : SensorRule(Code, MatterCode)
{
    public bool IsBeyondTrigger(double value) => Direction == ThresholdDirection.Above ? value >= Trigger : value <= Trigger;

    public bool IsCleared(double value) => Direction == ThresholdDirection.Above ? value <= Clear : value >= Clear;
}

/// <summary>A change faster than <see cref="MaxChangePerMinute"/> (either way) between two readings; it ends at the next reading within the rate.</summary>
public sealed record RateOfChangeRule(string Code, string MatterCode, double MaxChangePerMinute) : SensorRule(Code, MatterCode);

/// <summary>No reading for <see cref="MissedIntervals"/> expected intervals: the sensor is offline until it reports again.</summary>
public sealed record OfflineRule(string Code, string MatterCode, int MissedIntervals) : SensorRule(Code, MatterCode);

/// <summary>Which side of a threshold is the alarm.</summary>
public enum ThresholdDirection
{
    Above,
    Below,
}
