using CityActors.Testing;
using System.Text;
using CityActors.Domain.Geography;

namespace CityActors.Domain.Tests.Geography;

public sealed class GeoJsonReaderTests
{
    [Fact]
    public void Reads_the_nyc_boundaries()
    {
        var boroughs = GeoJsonReader.ReadFeatureCollection(RepositoryFiles.Nyc("boroughs.geojson"));
        var districts = GeoJsonReader.ReadFeatureCollection(RepositoryFiles.Nyc("community_districts.geojson"));
        var neighborhoods = GeoJsonReader.ReadFeatureCollection(RepositoryFiles.Nyc("neighborhoods.geojson"), closeOpenRings: true);

        boroughs.Select(b => b.Property("BoroName")).Order().ShouldBe(["Bronx", "Brooklyn", "Manhattan", "Queens", "Staten Island"]);
        boroughs.ShouldAllBe(b => b.Geometry.IsValid && b.Geometry.SRID == 4326);
        districts.Count.ShouldBe(71);
        districts.ShouldContain(d => d.Property("BoroCD") == "311");
        neighborhoods.Count.ShouldBe(188);
        neighborhoods.ShouldAllBe(n => n.Properties.ContainsKey("name"));
    }

    [Fact]
    public void Open_rings_are_refused_unless_repair_is_asked_for()
    {
        Should.Throw<GeoJsonException>(() => GeoJsonReader.ReadFeatureCollection(RepositoryFiles.Nyc("neighborhoods.geojson")))
            .Message.ShouldBe("neighborhoods.geojson feature #12 (Oakland_Gardens) ring 0: a ring must end where it starts");

        var repaired = GeoJsonReader.ReadFeatureCollection(RepositoryFiles.Nyc("neighborhoods.geojson"), closeOpenRings: true)[12];
        repaired.Geometry.IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Scalar_properties_are_read_as_json_writes_them_and_the_rest_is_left_out()
    {
        const string Json = """
            {"type":"FeatureCollection","features":[{"type":"Feature","id":7,
              "properties":{"name":"Pier 7","code":311,"area":12.50,"open":true,"note":null,"tags":["a"],"owner":{"x":1}},
              "geometry":{"type":"Point","coordinates":[-74.0,40.7]}}]}
            """;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Json));

        var feature = GeoJsonReader.ReadFeatureCollection(stream, "test.geojson").ShouldHaveSingleItem();

        feature.Id.ShouldBe("7");
        feature.Properties.ShouldBe(new Dictionary<string, string> { ["name"] = "Pier 7", ["code"] = "311", ["area"] = "12.50", ["open"] = "true" }, ignoreOrder: true);
        feature.Geometry.ShouldBeOfType<NetTopologySuite.Geometries.Point>().X.ShouldBe(-74.0);
        feature.Geometry.SRID.ShouldBe(4326);
    }

    [Theory]
    [InlineData("""{"type":"Topology"}""", "expected a FeatureCollection")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}]}""", "geometry type 'LineString' is not supported")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}}]}""", "at least 4 positions (has 3)")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}}]}""", "must end where it starts")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[200,10]}}]}""", "outside longitude ±180")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","id":"x","properties":{}}]}""", "feature #0: has no geometry")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[0,0],[1,0],[1,1],[0,0]],[[0.1,0.1],[0.2,0.1],[0.2,0.2],[0.1,0.2]]]]}}]}""", "test.geojson feature #0 (a) polygon 1 ring 1: a ring must end where it starts")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","id":{"a":1},"geometry":{"type":"Point","coordinates":[1,1]}}]}""", "test.geojson feature #0: id must be a string or a number")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":[1],"geometry":{"type":"Point","coordinates":[1,1]}}]}""", "test.geojson feature #0: properties must be an object")]
    [InlineData("""{"type":""", "not valid JSON")]
    public void Bad_documents_are_refused_with_the_place_and_the_reason(string json, string message)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        Should.Throw<GeoJsonException>(() => GeoJsonReader.ReadFeatureCollection(stream, "test.geojson"))
            .Message.ShouldContain(message);
    }
}
