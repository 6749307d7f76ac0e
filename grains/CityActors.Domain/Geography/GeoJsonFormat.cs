using System.Text.Json;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace CityActors.Domain.Geography;

/// <summary>
/// The NetTopologySuite.IO.GeoJSON4STJ settings the reader and writer share: WGS84 (SRID 4326) at full double
/// precision, feature ids carried in the library's id attribute, rings written right-hand (RFC 7946 §3.1.6).
/// </summary>
internal static class GeoJsonFormat
{
    /// <summary>The attribute that holds a feature's top-level "id" on the NetTopologySuite side.</summary>
    public static string IdAttribute => GeoJsonConverterFactory.DefaultIdPropertyName;

    /// <summary>Reads rings exactly as written; a city package must be well-formed.</summary>
    public static JsonSerializerOptions Strict { get; } = For(NtsGeometryServices.Instance.CreateGeometryFactory(4326));

    /// <summary>Closes rings whose last position differs from the first, for public data that leaves them open.</summary>
    public static JsonSerializerOptions ClosingOpenRings { get; } = For(new RingClosingGeometryFactory(NtsGeometryServices.Instance.CreateGeometryFactory(4326)));

    private static JsonSerializerOptions For(GeometryFactory factory) => new()
    {
        Converters = { new GeoJsonConverterFactory(factory) },
    };
}
