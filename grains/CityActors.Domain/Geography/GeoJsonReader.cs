using System.Globalization;
using System.Text.Json;
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

/// <summary>A GeoJSON document that cannot be read; the message names the feature and what is wrong.</summary>
public sealed class GeoJsonException(string message) : Exception(message);

/// <summary>
/// Reads the part of GeoJSON (RFC 7946) a city package needs: a FeatureCollection of Point, Polygon and MultiPolygon
/// features with scalar properties. (NetTopologySuite.IO.GeoJSON4STJ does not restore from this project's package
/// source, so this small reader builds NetTopologySuite geometries from System.Text.Json directly.)
/// </summary>
public static class GeoJsonReader
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    /// <param name="utf8Json">The document.</param>
    /// <param name="sourceName">Named in error messages.</param>
    /// <param name="closeOpenRings">Repair rings whose last position differs from the first (common in public data)
    /// instead of refusing them; city packages are read strictly.</param>
    public static IReadOnlyList<GeoFeature> ReadFeatureCollection(Stream utf8Json, string sourceName, bool closeOpenRings = false)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new GeoJsonException($"{sourceName}: not valid JSON ({ex.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "type") != "FeatureCollection"
                || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                throw new GeoJsonException($"{sourceName}: expected a FeatureCollection with a 'features' array");
            }

            var result = new List<GeoFeature>(features.GetArrayLength());
            var index = 0;
            foreach (var feature in features.EnumerateArray())
            {
                result.Add(ReadFeature(feature, $"{sourceName} feature #{index++}", closeOpenRings));
            }

            return result;
        }
    }

    public static IReadOnlyList<GeoFeature> ReadFeatureCollection(string path, bool closeOpenRings = false)
    {
        using var stream = File.OpenRead(path);
        return ReadFeatureCollection(stream, Path.GetFileName(path), closeOpenRings);
    }

    private static GeoFeature ReadFeature(JsonElement feature, string where, bool closeOpenRings)
    {
        if (Text(feature, "type") != "Feature")
        {
            throw new GeoJsonException($"{where}: expected an object with \"type\": \"Feature\"");
        }

        var id = feature.TryGetProperty("id", out var idElement) ? Scalar(idElement) : null;
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (feature.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in props.EnumerateObject())
            {
                if (Scalar(property.Value) is { } value)
                {
                    properties[property.Name] = value;
                }
            }
        }

        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object)
        {
            throw new GeoJsonException($"{where}: has no geometry");
        }

        return new GeoFeature(id, properties, ReadGeometry(geometry, $"{where} ({id ?? "no id"})", closeOpenRings));
    }

    private static Geometry ReadGeometry(JsonElement geometry, string where, bool closeOpenRings)
    {
        var type = Text(geometry, "type");
        if (!geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
        {
            throw new GeoJsonException($"{where}: geometry has no 'coordinates' array");
        }

        return type switch
        {
            "Point" => Factory.CreatePoint(Position(coordinates, where)),
            "Polygon" => ReadPolygon(coordinates, where, closeOpenRings),
            "MultiPolygon" => Factory.CreateMultiPolygon([.. coordinates.EnumerateArray().Select((p, i) => ReadPolygon(p, $"{where} polygon {i}", closeOpenRings))]),
            _ => throw new GeoJsonException($"{where}: geometry type '{type}' is not supported (Point, Polygon, MultiPolygon)"),
        };
    }

    private static Polygon ReadPolygon(JsonElement rings, string where, bool closeOpenRings)
    {
        if (rings.ValueKind != JsonValueKind.Array || rings.GetArrayLength() == 0)
        {
            throw new GeoJsonException($"{where}: a polygon needs at least one ring");
        }

        var linearRings = rings.EnumerateArray().Select((ring, i) => ReadRing(ring, $"{where} ring {i}", closeOpenRings)).ToArray();
        return Factory.CreatePolygon(linearRings[0], linearRings[1..]);
    }

    private static LinearRing ReadRing(JsonElement ring, string where, bool closeOpenRings)
    {
        if (ring.ValueKind != JsonValueKind.Array)
        {
            throw new GeoJsonException($"{where}: a ring must be an array of positions");
        }

        var positions = ring.EnumerateArray().Select(p => Position(p, where)).ToArray();
        if (closeOpenRings && positions.Length >= 3 && !positions[0].Equals2D(positions[^1]))
        {
            positions = [.. positions, positions[0].Copy()];
        }

        if (positions.Length < 4)
        {
            throw new GeoJsonException($"{where}: a ring needs at least 4 positions (has {positions.Length})");
        }

        if (!positions[0].Equals2D(positions[^1]))
        {
            throw new GeoJsonException($"{where}: a ring must end where it starts");
        }

        return Factory.CreateLinearRing(positions);
    }

    private static Coordinate Position(JsonElement position, string where)
    {
        if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2
            || position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number)
        {
            throw new GeoJsonException($"{where}: a position must be [longitude, latitude]");
        }

        var lon = position[0].GetDouble();
        var lat = position[1].GetDouble();
        if (lon is < -180 or > 180 || lat is < -90 or > 90)
        {
            throw new GeoJsonException($"{where}: position [{lon.ToString(CultureInfo.InvariantCulture)}, {lat.ToString(CultureInfo.InvariantCulture)}] is outside longitude ±180 / latitude ±90");
        }

        return new Coordinate(lon, lat);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
