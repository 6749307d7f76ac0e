using CityActors.Domain.Geography;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace CityActors.Domain.Tests.Geography;

public sealed class GeoJsonWriterTests
{
    private static readonly WKTReader Wkt = new();

    [Fact]
    public void Boundaries_read_back_with_their_codes_names_and_shapes()
    {
        // A clockwise shell with a counter-clockwise hole, the opposite of what RFC 7946 asks for.
        var square = Wkt.Read("POLYGON ((0 0, 0 2, 2 2, 2 0, 0 0), (0.5 0.5, 1.5 0.5, 1.5 1.5, 0.5 1.5, 0.5 0.5))");
        var islands = Wkt.Read("MULTIPOLYGON (((3 0, 4 0, 4 1, 3 0)), ((5 0, 6 0, 6 1, 5 0)))");
        using var stream = new MemoryStream();

        GeoJsonWriter.WriteFeatureCollection(stream, [("rt.1", "West & \"Old\" Town", square), ("rt.2", "Islands", islands)]);
        stream.Position = 0;
        var features = GeoJsonReader.ReadFeatureCollection(stream, "written.geojson");

        features.Select(f => (f.Id, f.Property("name"))).ShouldBe([("rt.1", "West & \"Old\" Town"), ("rt.2", "Islands")]);
        features[0].Geometry.EqualsTopologically(square).ShouldBeTrue();
        features[1].Geometry.EqualsTopologically(islands).ShouldBeTrue();
        var written = (Polygon)features[0].Geometry;
        Orientation.IsCCW(written.Shell.CoordinateSequence).ShouldBeTrue();
        Orientation.IsCCW(written.Holes[0].CoordinateSequence).ShouldBeFalse();
    }

    [Fact]
    public void Only_areas_can_be_boundaries()
    {
        using var stream = new MemoryStream();

        Should.Throw<ArgumentException>(() => GeoJsonWriter.WriteFeatureCollection(stream, [("rt.1.x", "A road", Wkt.Read("LINESTRING (0 0, 1 1)"))]))
            .Message.ShouldContain("got LineString for rt.1.x");
    }
}
