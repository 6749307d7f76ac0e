using NetTopologySuite.Geometries;

namespace CityActors.Domain.Geography;

/// <summary>One GeoJSON feature: its id (if any), its scalar properties as strings, and its geometry (WGS84 lon/lat).</summary>
public sealed record GeoFeature(string? Id, IReadOnlyDictionary<string, string> Properties, Geometry Geometry)
{
    public string Property(string name) =>
        Properties.TryGetValue(name, out var value)
            ? value
            : throw new GeoJsonException($"feature {Id ?? "(no id)"} has no property '{name}'");
}
