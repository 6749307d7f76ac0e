using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace CityActors.Domain.Geography;

/// <summary>
/// Finds which of a set of non-overlapping areas contains a point: an STR-tree over the areas' bounding boxes narrows
/// the candidates, prepared geometries answer containment fast. Built once, then read-only and thread-safe.
/// </summary>
public sealed class SpatialIndex<T>
    where T : class
{
    private readonly STRtree<Entry> _tree = new();

    public SpatialIndex(IEnumerable<(Geometry Area, T Value)> areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        foreach (var (area, value) in areas)
        {
            _tree.Insert(area.EnvelopeInternal, new Entry(PreparedGeometryFactory.Prepare(area), value));
            Count++;
        }

        _tree.Build();
    }

    public int Count { get; }

    /// <summary>The area covering (<paramref name="longitude"/>, <paramref name="latitude"/>), or null when none does.</summary>
    public T? Find(double longitude, double latitude)
    {
        var envelope = new Envelope(longitude, longitude, latitude, latitude);
        var point = new Point(longitude, latitude);
        foreach (var entry in _tree.Query(envelope))
        {
            if (entry.Area.Covers(point))
            {
                return entry.Value;
            }
        }

        return null;
    }

    private sealed record Entry(IPreparedGeometry Area, T Value);
}
