using System.Text.Json;
using NetTopologySuite.Geometries;

namespace CityActors.Domain.Geography;

/// <summary>Writes Polygon/MultiPolygon features as a GeoJSON FeatureCollection (the counterpart of <see cref="GeoJsonReader"/>).</summary>
public static class GeoJsonWriter
{
    public static void WriteFeatureCollection(Stream output, IEnumerable<(string Id, string Name, Geometry Geometry)> features)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        writer.WriteStartObject();
        writer.WriteString("type", "FeatureCollection");
        writer.WriteStartArray("features");
        foreach (var (id, name, geometry) in features)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "Feature");
            writer.WriteString("id", id);
            writer.WriteStartObject("properties");
            writer.WriteString("name", name);
            writer.WriteEndObject();
            writer.WritePropertyName("geometry");
            WriteGeometry(writer, geometry);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteGeometry(Utf8JsonWriter writer, Geometry geometry)
    {
        writer.WriteStartObject();
        switch (geometry)
        {
            case Polygon polygon:
                writer.WriteString("type", "Polygon");
                writer.WritePropertyName("coordinates");
                WritePolygon(writer, polygon);
                break;
            case MultiPolygon multi:
                writer.WriteString("type", "MultiPolygon");
                writer.WriteStartArray("coordinates");
                foreach (var part in multi.Geometries.Cast<Polygon>())
                {
                    WritePolygon(writer, part);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"Only polygons can be written as boundaries (got {geometry.GeometryType}).", nameof(geometry));
        }

        writer.WriteEndObject();
    }

    private static void WritePolygon(Utf8JsonWriter writer, Polygon polygon)
    {
        writer.WriteStartArray();
        WriteRing(writer, polygon.ExteriorRing);
        foreach (var hole in polygon.InteriorRings)
        {
            WriteRing(writer, hole);
        }

        writer.WriteEndArray();
    }

    private static void WriteRing(Utf8JsonWriter writer, LineString ring)
    {
        writer.WriteStartArray();
        foreach (var coordinate in ring.Coordinates)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(Math.Round(coordinate.X, 6));
            writer.WriteNumberValue(Math.Round(coordinate.Y, 6));
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }
}
