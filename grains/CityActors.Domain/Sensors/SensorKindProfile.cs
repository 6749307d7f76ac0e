namespace CityActors.Domain.Sensors;

/// <summary>A city's defaults for one kind of sensor: reporting interval, owning agency and rules.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="ReportingInterval">Expected interval between readings.</param>
/// <param name="Agency">The agency whose district office owns sensors of this kind unless a registration names a department.</param>
/// <param name="Rules">The rules of sensors that name none.</param>
public sealed record SensorKindProfile(SensorKind Kind, TimeSpan ReportingInterval, string Agency, IReadOnlyList<SensorRule> Rules);
