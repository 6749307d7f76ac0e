namespace CityActors.Domain.Cases;

/// <summary>A WGS84 box (west, south, east, north).</summary>
public sealed record BoundingBox(double MinLongitude, double MinLatitude, double MaxLongitude, double MaxLatitude)
{
    public bool Contains(double? longitude, double? latitude) =>
        longitude is { } x && latitude is { } y && x >= MinLongitude && x <= MaxLongitude && y >= MinLatitude && y <= MaxLatitude;
}
