namespace CityActors.Domain.Sensors;

/// <summary>An emergency profile's levels for the threshold rule <see cref="RuleCode"/> of sensors of <see cref="Kind"/>.</summary>
public sealed record ThresholdOverride(SensorKind Kind, string RuleCode, double Trigger, double Clear);
