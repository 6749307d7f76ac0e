namespace CityActors.Domain.Vitals;

/// <summary>Sensors by status.</summary>
public sealed record SensorCounts(int Registered, int Online, int Offline, int Pending);
