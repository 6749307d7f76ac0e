namespace CityActors.Domain.Sensors;

/// <summary>A registered sensor, located and owned.</summary>
/// <param name="Id">The device id (letters, digits, '-' and '_', at most 40).</param>
/// <param name="Kind">What it measures.</param>
/// <param name="Longitude">WGS84 longitude of the device.</param>
/// <param name="Latitude">WGS84 latitude of the device.</param>
/// <param name="GridCode">The grid cell it stands in.</param>
/// <param name="DepartmentCode">The department that owns and maintains it.</param>
/// <param name="ReportingInterval">How often it is expected to report.</param>
/// <param name="Rules">The conditions it watches for.</param>
/// <param name="Name">A label for people (e.g. the street corner).</param>
public sealed record SensorDefinition(
    string Id,
    SensorKind Kind,
    double Longitude,
    double Latitude,
    string GridCode,
    string DepartmentCode,
    TimeSpan ReportingInterval,
    IReadOnlyList<SensorRule> Rules,
    string? Name = null)
{
    /// <summary>Expected intervals without a reading after which the sensor counts as offline when no rule says otherwise.</summary>
    public const int DefaultMissedIntervals = 3;

    /// <summary>How long after its last reading (or its registration) the sensor counts as offline.</summary>
    public TimeSpan OfflineAfter => ReportingInterval * (Rules.OfType<OfflineRule>().FirstOrDefault()?.MissedIntervals ?? DefaultMissedIntervals);
}
