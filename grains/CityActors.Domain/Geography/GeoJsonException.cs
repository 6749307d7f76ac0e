namespace CityActors.Domain.Geography;

/// <summary>A GeoJSON document that cannot be read; the message names the feature and what is wrong.</summary>
public sealed class GeoJsonException(string message) : Exception(message);
