using CityActors.Domain.Geography;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Precision;

namespace CityActors.CityPackages.Nyc;

/// <summary>
/// Overlay and clean-up for the public NYC layers. Boroughs, community districts and neighbourhoods were digitised
/// separately, so they disagree slightly along shared edges: clipping one layer to another leaves slivers and stray
/// lines, which are dropped, and rounding to the package's precision can make a ring self-touch, which is repaired.
/// </summary>
internal static class NycShapes
{
    /// <summary>1 ha: smaller pieces are digitising noise between layers, not places.</summary>
    public const double MinimumAreaSquareMeters = 10_000;

    // 1e-6° is about 0.1 m: finer than any of the source layers, and it keeps the shipped GeoJSON small.
    private static readonly GeometryPrecisionReducer Reducer = new(new PrecisionModel(1e6));

    public static Geometry Intersect(Geometry a, Geometry b) => OverlayNGRobust.Overlay(a, b, SpatialFunction.Intersection);

    public static Geometry Difference(Geometry a, Geometry b) => OverlayNGRobust.Overlay(a, b, SpatialFunction.Difference);

    public static Geometry Union(IEnumerable<Geometry> geometries) => OverlayNGRobust.Union(geometries);

    /// <summary>The polygonal part at 1e-6° precision, repaired if rounding made it invalid; null when nothing areal is left.</summary>
    public static Geometry? Clean(Geometry geometry)
    {
        var polygonal = geometry.PolygonalPart();
        if (polygonal is null || polygonal.IsEmpty)
        {
            return null;
        }

        if (!polygonal.IsValid)
        {
            polygonal = GeometryFixer.Fix(polygonal).PolygonalPart();
        }

        var reduced = polygonal is null ? null : Reducer.Reduce(polygonal).PolygonalPart();
        if (reduced is not null && !reduced.IsValid)
        {
            reduced = GeometryFixer.Fix(reduced).PolygonalPart();
        }

        return reduced is null || reduced.IsEmpty ? null : reduced;
    }
}
