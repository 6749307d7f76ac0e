using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Features;

namespace CityActors.Domain.Geography;

/// <summary>
/// Reads the part of GeoJSON (RFC 7946) a city package needs: a FeatureCollection of Point, Polygon and MultiPolygon
/// features with scalar properties. <see cref="GeoJsonValidator"/> first checks the document and names the feature
/// and ring of any problem; NetTopologySuite.IO.GeoJSON4STJ then builds the features and their geometries.
/// </summary>
public static class GeoJsonReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true };

    /// <param name="utf8Json">The document.</param>
    /// <param name="sourceName">Named in error messages.</param>
    /// <param name="closeOpenRings">Repair rings whose last position differs from the first (common in public data)
    /// instead of refusing them; city packages are read strictly.</param>
    public static IReadOnlyList<GeoFeature> ReadFeatureCollection(Stream utf8Json, string sourceName, bool closeOpenRings = false)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var document = Parse(utf8Json, sourceName);
        GeoJsonValidator.Validate(document.RootElement, sourceName, closeOpenRings);
        try
        {
            var features = document.Deserialize<FeatureCollection>(closeOpenRings ? GeoJsonFormat.ClosingOpenRings : GeoJsonFormat.Strict)!;
            return [.. features.Select(ToGeoFeature)];
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or NotSupportedException)
        {
            // Only what the validator does not look at gets here (a malformed "bbox", a number too large for a decimal).
            throw new GeoJsonException($"{sourceName}: {ex.Message}");
        }
    }

    public static IReadOnlyList<GeoFeature> ReadFeatureCollection(string path, bool closeOpenRings = false)
    {
        using var stream = File.OpenRead(path);
        return ReadFeatureCollection(stream, Path.GetFileName(path), closeOpenRings);
    }

    private static JsonDocument Parse(Stream utf8Json, string sourceName)
    {
        try
        {
            return JsonDocument.Parse(utf8Json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new GeoJsonException($"{sourceName}: not valid JSON ({ex.Message})");
        }
    }

    private static GeoFeature ToGeoFeature(IFeature feature)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in feature.Attributes?.GetNames() ?? [])
        {
            if (name != GeoJsonFormat.IdAttribute && Scalar(feature.Attributes!.GetOptionalValue(name)) is { } value)
            {
                properties[name] = value;
            }
        }

        return new GeoFeature(Scalar(feature.GetOptionalId(GeoJsonFormat.IdAttribute)), properties, feature.Geometry);
    }

    /// <summary>Strings as they are, numbers (read as decimals by the library) and booleans as JSON writes them;
    /// objects, arrays and nulls are not scalar and are left out.</summary>
    private static string? Scalar(object? value) => value switch
    {
        string text => text,
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        _ => null,
    };
}
