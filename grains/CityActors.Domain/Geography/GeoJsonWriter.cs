using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace CityActors.Domain.Geography;

/// <summary>
/// Writes boundaries as a GeoJSON FeatureCollection through NetTopologySuite.IO.GeoJSON4STJ: one feature per area with
/// its code as "id" and its name as the only property, exterior rings counter-clockwise as RFC 7946 asks.
/// Coordinates are written as they are: callers that want a fixed number of decimals reduce the geometry's precision
/// first (the NYC builder keeps 1e-6°, about 0.1 m).
/// </summary>
public static class GeoJsonWriter
{
    public static void WriteFeatureCollection(Stream output, IEnumerable<(string Id, string Name, Geometry Geometry)> features)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(features);
        var collection = new FeatureCollection();
        foreach (var (id, name, geometry) in features)
        {
            if (geometry is not (Polygon or MultiPolygon))
            {
                throw new ArgumentException($"Only polygons can be written as boundaries (got {geometry.GeometryType} for {id}).", nameof(features));
            }

            collection.Add(new Feature(geometry, new AttributesTable { { GeoJsonFormat.IdAttribute, id }, { "name", name } }));
        }

        JsonSerializer.Serialize(output, collection, GeoJsonFormat.Strict);
    }
}
