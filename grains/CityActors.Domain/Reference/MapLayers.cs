using System.Collections.Concurrent;
using System.Text;
using CityActors.Domain.City;
using CityActors.Domain.Geography;
using NetTopologySuite.Geometries;
using NetTopologySuite.Precision;
using NetTopologySuite.Simplify;

namespace CityActors.Domain.Reference;

/// <summary>
/// Boundaries of the city's units as compact GeoJSON for maps: the units of one level within a unit, simplified to
/// what a screen shows at that level's zoom (tens of metres for districts, metres for grid cells) and rounded to
/// 1e-4° (about 10 m; grid cells 1e-5°), so the city's 6 MB of boundaries reach a browser as a few hundred kilobytes per layer. Layers
/// are built once per level and unit and kept: the city model does not change while a silo runs.
/// </summary>
public sealed class MapLayers(CityModel city)
{
    /// <summary>Grid cells are only drawn for a street or less: a whole city of them is too much for one layer.</summary>
    public const OrgLevel WidestGridLayer = OrgLevel.Street;

    // Units above grid cells are drawn at city or district zoom, where 1e-4° (about 10 m) is below a pixel; cells keep 1e-5°.
    private static readonly GeometryPrecisionReducer CoarseRounding = new(new PrecisionModel(1e4)) { Pointwise = true };
    private static readonly GeometryPrecisionReducer FineRounding = new(new PrecisionModel(1e5)) { Pointwise = true };

    private readonly ConcurrentDictionary<(OrgLevel Level, string Within), string> _layers = new();

    /// <summary>The codes of the units at <paramref name="level"/> that lie in <paramref name="within"/> (the unit itself at its own level).</summary>
    public IReadOnlyList<string> UnitCodes(OrgLevel level, string within) =>
        [.. UnitsAt(level, within).Select(u => u.Code)];

    /// <summary>A GeoJSON FeatureCollection (id: unit code, property name) of the units at <paramref name="level"/> in <paramref name="within"/>.</summary>
    /// <exception cref="ArgumentException">The unit does not exist, lies below the level, or the layer would be too large (grid cells of more than a street).</exception>
    public string Layer(OrgLevel level, string within)
    {
        ArgumentNullException.ThrowIfNull(within);
        var unit = city.FindUnit(within) ?? throw new ArgumentException($"The city has no org unit '{within}'.");
        if (level == OrgLevel.City || !Enum.IsDefined(level))
        {
            throw new ArgumentException($"Map layers are drawn per district, street, community or grid; not {level}.");
        }

        if (level < unit.Level)
        {
            throw new ArgumentException($"{unit.Code} is a {unit.Level}; it has no {level} layer.");
        }

        if (level == OrgLevel.Grid && unit.Level < WidestGridLayer)
        {
            throw new ArgumentException($"Grid cells are drawn within a street, community or grid cell; {unit.Code} is a {unit.Level}.");
        }

        return _layers.GetOrAdd((level, unit.Code), key => Build(key.Level, key.Within));
    }

    private string Build(OrgLevel level, string within)
    {
        var tolerance = level switch
        {
            OrgLevel.District => 3e-4,
            OrgLevel.Street => 2e-4,
            OrgLevel.Community => 1e-4,
            _ => 1e-5,
        };
        var features = UnitsAt(level, within)
            .Where(u => u.Boundary is not null)
            .Select(u => (u.Code, u.Name, Geometry: Compact(u.Boundary!, tolerance, level == OrgLevel.Grid ? FineRounding : CoarseRounding)))
            .Where(f => f.Geometry is (Polygon or MultiPolygon) and { IsEmpty: false });
        using var output = new MemoryStream();
        GeoJsonWriter.WriteFeatureCollection(output, features);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    /// <summary>
    /// Douglas–Peucker rather than the topology-preserving simplifier: it is many times faster on the city's long
    /// coastlines, and a map tolerates the odd sliver between neighbours that it may leave.
    /// </summary>
    private static Geometry Compact(Geometry boundary, double tolerance, GeometryPrecisionReducer rounding) =>
        rounding.Reduce(DouglasPeuckerSimplifier.Simplify(boundary, tolerance));

    private IEnumerable<OrgUnit> UnitsAt(OrgLevel level, string within) =>
        city.Units.Where(u => u.Level == level && (u.Code == within || u.Code.StartsWith(within + OrgUnit.Separator, StringComparison.Ordinal)))
            .OrderBy(u => u.Code, StringComparer.Ordinal);
}
