using CityActors.Testing;
using CityActors.Domain.Geography;
using NetTopologySuite.Geometries;

namespace CityActors.Domain.Tests.Geography;

public sealed class GridGeneratorTests
{
    private static readonly LocalProjection Nyc = new(-73.95, 40.70);
    private static readonly GeometryFactory Factory = new();

    [Fact]
    public void The_projection_round_trips_and_measures_metres()
    {
        var (x, y) = Nyc.Forward(-73.9855, 40.7580);
        var (lon, lat) = Nyc.Inverse(x, y);
        lon.ShouldBe(-73.9855, 1e-12);
        lat.ShouldBe(40.7580, 1e-12);

        // Times Square to the Brooklyn Bridge, compared with the great-circle distance.
        var (x2, y2) = Nyc.Forward(-73.9969, 40.7061);
        var planar = Math.Sqrt(Math.Pow(x2 - x, 2) + Math.Pow(y2 - y, 2));
        planar.ShouldBe(Haversine(40.7580, -73.9855, 40.7061, -73.9969), 0.002 * planar);
    }

    [Fact]
    public void An_aligned_square_kilometre_yields_sixteen_full_cells_numbered_from_the_north_west()
    {
        var square = Nyc.ToDegrees(Factory.ToGeometry(new Envelope(0, 1000, 0, 1000)));

        var cells = new GridGenerator(Nyc, 250).Generate(square, "nyc.1.101.07");

        cells.Count.ShouldBe(16);
        cells.ShouldAllBe(c => Math.Abs(c.AreaSquareMeters - 62_500) < 1e-3);
        cells.Select(c => c.Code).ShouldBe(Enumerable.Range(1, 16).Select(i => $"nyc.1.101.07.{i:D4}"));
        var first = Nyc.ToMeters(cells[0].Boundary).EnvelopeInternal;
        first.MinX.ShouldBe(0, 1e-6);
        first.MaxY.ShouldBe(1000, 1e-6);
    }

    [Fact]
    public void Cells_are_clipped_to_the_area_and_cover_it_exactly()
    {
        var triangle = Nyc.ToDegrees(Factory.CreatePolygon([new(130, 70), new(1210, 90), new(600, 990), new(130, 70)]));

        var cells = new GridGenerator(Nyc, 250).Generate(triangle, "t");

        var areaInMetres = Nyc.ToMeters(triangle).Area;
        cells.Sum(c => c.AreaSquareMeters).ShouldBe(areaInMetres, areaInMetres * 1e-6);
        cells.ShouldAllBe(c => c.AreaSquareMeters <= 62_500 + 1e-6);
        cells.Select(c => c.Code).Distinct().Count().ShouldBe(cells.Count);
    }

    [Fact]
    public void Every_point_of_a_real_neighbourhood_falls_in_exactly_one_cell()
    {
        var neighbourhood = GeoJsonReader.ReadFeatureCollection(RepositoryFiles.Nyc("neighborhoods.geojson"), closeOpenRings: true)
            .First(f => f.Property("name") == "Park Slope-Gowanus");
        var cells = new GridGenerator(Nyc, 250).Generate(neighbourhood.Geometry, "bk.306.park-slope");
        var index = new SpatialIndex<GridCell>(cells.Select(c => (c.Boundary, c)));
        var envelope = neighbourhood.Geometry.EnvelopeInternal;
        var random = new Random(7);

        var checkedPoints = 0;
        while (checkedPoints < 500)
        {
            var point = new Point(envelope.MinX + (random.NextDouble() * envelope.Width), envelope.MinY + (random.NextDouble() * envelope.Height));
            if (!neighbourhood.Geometry.Contains(point))
            {
                continue;
            }

            index.Find(point.X, point.Y).ShouldNotBeNull($"point {point} of Park Slope is in no cell");
            cells.Count(c => c.Boundary.Contains(point)).ShouldBeLessThanOrEqualTo(1);
            checkedPoints++;
        }

        cells.Count.ShouldBeGreaterThan(20);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(20_000)]
    public void Cell_size_must_be_sensible(double size) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new GridGenerator(Nyc, size)).Message.ShouldContain("between 10 and 10000 metres");

    private static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var a = Math.Pow(Math.Sin(Rad(lat2 - lat1) / 2), 2) + (Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(Rad(lon2 - lon1) / 2), 2));
        return 2 * LocalProjection.EarthRadiusMeters * Math.Asin(Math.Sqrt(a));
    }
}
