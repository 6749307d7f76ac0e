using NetTopologySuite.Geometries;

namespace CityActors.Domain.Geography;

/// <summary>Small geometry helpers shared by the grid generator, the package loader and the NYC builder.</summary>
public static class Geometries
{
    /// <summary>
    /// The areal part of <paramref name="geometry"/>: overlay results can carry stray lines or points where edges
    /// touch, and only polygons are places. Null when nothing areal is left.
    /// </summary>
    public static Geometry? PolygonalPart(this Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (geometry is Polygon or MultiPolygon)
        {
            return geometry;
        }

        var polygons = Enumerable.Range(0, geometry.NumGeometries).Select(geometry.GetGeometryN).OfType<Polygon>().ToArray();
        return polygons.Length == 0 ? null : geometry.Factory.CreateMultiPolygon(polygons);
    }

    /// <summary>The bounding box of all <paramref name="geometries"/>.</summary>
    public static Envelope EnvelopeOf(IEnumerable<Geometry> geometries)
    {
        var envelope = new Envelope();
        foreach (var geometry in geometries)
        {
            envelope.ExpandToInclude(geometry.EnvelopeInternal);
        }

        return envelope;
    }
}
