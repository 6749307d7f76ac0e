using NetTopologySuite.Geometries;

namespace CityActors.Domain.Geography;

/// <summary>
/// A metric plane centred on a city: equirectangular on a sphere of the mean Earth radius, scaled by the cosine of
/// the centre latitude. Over a city's extent (tens of kilometres) distances and areas are within about 0.2 % of the
/// ellipsoidal values, which is ample for laying out 250 m grid cells. (ProjNet is not in this project's package
/// source; this replaces it for that one purpose.)
/// </summary>
public sealed class LocalProjection
{
    public const double EarthRadiusMeters = 6_371_008.8;
    private readonly double _metersPerDegreeX;
    private readonly double _metersPerDegreeY;

    public LocalProjection(double centerLongitude, double centerLatitude)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Math.Abs(centerLatitude), 85.0, nameof(centerLatitude));
        CenterLongitude = centerLongitude;
        CenterLatitude = centerLatitude;
        _metersPerDegreeY = EarthRadiusMeters * Math.PI / 180.0;
        _metersPerDegreeX = _metersPerDegreeY * Math.Cos(centerLatitude * Math.PI / 180.0);
    }

    public double CenterLongitude { get; }

    public double CenterLatitude { get; }

    public static LocalProjection CenteredOn(Geometry area) => CenteredOn(area.EnvelopeInternal);

    public static LocalProjection CenteredOn(Envelope extent)
    {
        var center = extent.Centre;
        return new LocalProjection(center.X, center.Y);
    }

    public (double X, double Y) Forward(double longitude, double latitude) =>
        ((longitude - CenterLongitude) * _metersPerDegreeX, (latitude - CenterLatitude) * _metersPerDegreeY);

    public (double Longitude, double Latitude) Inverse(double x, double y) =>
        ((x / _metersPerDegreeX) + CenterLongitude, (y / _metersPerDegreeY) + CenterLatitude);

    /// <summary>A copy of a WGS84 geometry in metres.</summary>
    public Geometry ToMeters(Geometry geometry) => Transform(geometry, Forward, srid: 0);

    /// <summary>A copy of a metric geometry in WGS84.</summary>
    public Geometry ToDegrees(Geometry geometry) => Transform(geometry, Inverse, srid: 4326);

    private static Geometry Transform(Geometry geometry, Func<double, double, (double, double)> map, int srid)
    {
        var copy = geometry.Copy();
        copy.Apply(new MapFilter(map));
        copy.SRID = srid;
        copy.GeometryChanged();
        return copy;
    }

    private sealed class MapFilter(Func<double, double, (double, double)> map) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (x, y) = map(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, x);
            seq.SetY(i, y);
        }
    }
}
