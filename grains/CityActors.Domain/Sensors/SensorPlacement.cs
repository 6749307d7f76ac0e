namespace CityActors.Domain.Sensors;

/// <summary>A device of a city package's fleet: registered with its kind's defaults when the city starts.</summary>
public sealed record SensorPlacement(string Id, SensorKind Kind, double Longitude, double Latitude, string? Name = null)
{
    /// <summary>The registration of this device with everything else from its kind's defaults.</summary>
    public SensorRegistration Registration() => new(Id, Kind, Longitude, Latitude, Name: Name);
}
