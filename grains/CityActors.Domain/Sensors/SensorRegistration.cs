namespace CityActors.Domain.Sensors;

/// <summary>What is asked to register a sensor; what is left out comes from the city's defaults for the kind.</summary>
public sealed record SensorRegistration(
    string Id,
    SensorKind Kind,
    double Longitude,
    double Latitude,
    string? DepartmentCode = null,
    TimeSpan? ReportingInterval = null,
    IReadOnlyList<SensorRule>? Rules = null,
    string? Name = null);
