using CityActors.Testing;
using CityActors.Domain.Geography;

namespace CityActors.Domain.Tests.Geography;

public sealed class SpatialIndexTests
{
    private static readonly Lazy<SpatialIndex<string>> Boroughs = new(() => new SpatialIndex<string>(
        GeoJsonReader.ReadFeatureCollection(RepositoryFiles.Nyc("boroughs.geojson")).Select(f => (f.Geometry, f.Property("BoroName")))));

    [Theory]
    [InlineData(-73.9855, 40.7580, "Manhattan")]     // Times Square
    [InlineData(-73.9654, 40.7829, "Manhattan")]     // Central Park
    [InlineData(-73.9701, 40.6602, "Brooklyn")]      // Prospect Park
    [InlineData(-73.7781, 40.6413, "Queens")]        // JFK airport
    [InlineData(-73.9262, 40.8296, "Bronx")]         // Yankee Stadium
    [InlineData(-74.1669, 40.5823, "Staten Island")] // Staten Island Mall
    public void Points_map_to_the_area_that_contains_them(double lon, double lat, string borough) =>
        Boroughs.Value.Find(lon, lat).ShouldBe(borough);

    [Theory]
    [InlineData(-74.1724, 40.7357)] // Newark, New Jersey
    [InlineData(-73.5, 40.3)]       // the Atlantic
    [InlineData(116.39, 39.91)]     // Beijing
    public void Points_outside_every_area_get_no_answer_rather_than_an_error(double lon, double lat) =>
        Boroughs.Value.Find(lon, lat).ShouldBeNull();
}
