using System.Globalization;
using System.Text.Json;

namespace CityActors.Domain.Geography;

/// <summary>
/// Checks a parsed GeoJSON document against what a city package may contain — a FeatureCollection of Point, Polygon
/// and MultiPolygon features, rings closed with at least four positions, positions within longitude ±180 /
/// latitude ±90 — before GeoJSON4STJ builds geometries from it. The library would fail on the same documents, but
/// with messages that say neither which feature nor which ring; operators fixing a package need both, so each
/// message here reads like "boundaries.geojson feature #12 (rt.2.01) polygon 0 ring 1: a ring must end where it starts".
/// </summary>
internal static class GeoJsonValidator
{
    /// <param name="root">The document's root element.</param>
    /// <param name="sourceName">Named in error messages.</param>
    /// <param name="closeOpenRings">Let rings through whose last position differs from the first, as long as closing
    /// them gives a valid ring; the reader then closes them.</param>
    /// <exception cref="GeoJsonException">The first problem found.</exception>
    public static void Validate(JsonElement root, string sourceName, bool closeOpenRings)
    {
        if (root.ValueKind != JsonValueKind.Object || Text(root, "type") != "FeatureCollection"
            || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            throw new GeoJsonException($"{sourceName}: expected a FeatureCollection with a 'features' array");
        }

        var index = 0;
        foreach (var feature in features.EnumerateArray())
        {
            ValidateFeature(feature, $"{sourceName} feature #{index++}", closeOpenRings);
        }
    }

    private static void ValidateFeature(JsonElement feature, string where, bool closeOpenRings)
    {
        if (feature.ValueKind != JsonValueKind.Object || Text(feature, "type") != "Feature")
        {
            throw new GeoJsonException($"{where}: expected an object with \"type\": \"Feature\"");
        }

        string? id = null;
        if (feature.TryGetProperty("id", out var idElement))
        {
            id = idElement.ValueKind switch
            {
                JsonValueKind.String => idElement.GetString(),
                JsonValueKind.Number => idElement.GetRawText(),
                _ => throw new GeoJsonException($"{where}: id must be a string or a number"),
            };
        }

        if (feature.TryGetProperty("properties", out var properties) && properties.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            throw new GeoJsonException($"{where}: properties must be an object");
        }

        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object)
        {
            throw new GeoJsonException($"{where}: has no geometry");
        }

        ValidateGeometry(geometry, $"{where} ({id ?? "no id"})", closeOpenRings);
    }

    private static void ValidateGeometry(JsonElement geometry, string where, bool closeOpenRings)
    {
        var type = Text(geometry, "type");
        if (!geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
        {
            throw new GeoJsonException($"{where}: geometry has no 'coordinates' array");
        }

        switch (type)
        {
            case "Point":
                Position(coordinates, where);
                break;
            case "Polygon":
                ValidatePolygon(coordinates, where, closeOpenRings);
                break;
            case "MultiPolygon":
                var i = 0;
                foreach (var polygon in coordinates.EnumerateArray())
                {
                    ValidatePolygon(polygon, $"{where} polygon {i++}", closeOpenRings);
                }

                break;
            default:
                throw new GeoJsonException($"{where}: geometry type '{type}' is not supported (Point, Polygon, MultiPolygon)");
        }
    }

    private static void ValidatePolygon(JsonElement rings, string where, bool closeOpenRings)
    {
        if (rings.ValueKind != JsonValueKind.Array || rings.GetArrayLength() == 0)
        {
            throw new GeoJsonException($"{where}: a polygon needs at least one ring");
        }

        var i = 0;
        foreach (var ring in rings.EnumerateArray())
        {
            ValidateRing(ring, $"{where} ring {i++}", closeOpenRings);
        }
    }

    private static void ValidateRing(JsonElement ring, string where, bool closeOpenRings)
    {
        if (ring.ValueKind != JsonValueKind.Array)
        {
            throw new GeoJsonException($"{where}: a ring must be an array of positions");
        }

        var positions = ring.EnumerateArray().Select(p => Position(p, where)).ToList();
        var closed = positions.Count > 0 && positions[0] == positions[^1];
        var count = !closed && closeOpenRings && positions.Count >= 3 ? positions.Count + 1 : positions.Count;
        if (count < 4)
        {
            throw new GeoJsonException($"{where}: a ring needs at least 4 positions (has {count})");
        }

        if (!closed && !closeOpenRings)
        {
            throw new GeoJsonException($"{where}: a ring must end where it starts");
        }
    }

    private static (double Longitude, double Latitude) Position(JsonElement position, string where)
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

        return (lon, lat);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
