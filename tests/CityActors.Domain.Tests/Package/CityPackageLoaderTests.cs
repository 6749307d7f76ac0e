using System.Text.Json.Nodes;
using CityActors.Domain.Calendar;
using CityActors.Domain.City;
using CityActors.Domain.Matters;
using CityActors.Domain.Package;

namespace CityActors.Domain.Tests.Package;

public sealed class CityPackageLoaderTests
{
    private static readonly Lazy<CityModel> Riverton = new(() => CityPackageLoader.Load(TestCityPackage.Directory));

    [Fact]
    public void The_test_city_loads_with_its_hierarchy_centres_departments_catalogue_and_calendar()
    {
        var city = Riverton.Value;

        city.Name.ShouldBe("Riverton");
        city.CountAt(OrgLevel.District).ShouldBe(2);
        city.CountAt(OrgLevel.Street).ShouldBe(3);
        city.CountAt(OrgLevel.Community).ShouldBe(4);
        city.CountAt(OrgLevel.Grid).ShouldBeGreaterThan(100);
        city.Centres.Count().ShouldBe(6);
        city.CentreOf("rt.2.02")!.Code.ShouldBe("rt.2.02.ops");
        city.DepartmentOf("WATER", "rt.1")!.Code.ShouldBe("rt.1.water");
        city.Catalogue.Find("0501")!.DispatchRule.ShouldBe(DispatchRule.TerritoryFirst);
        city.Catalogue.Find("0101")!.DispatchRule.ShouldBe(DispatchRule.OwnerFirst);
        city.Catalogue.Find("0501")!.Limit(CaseStage.Handle, Urgency.Normal).ShouldBe(TimeLimit.WorkingHours(4));
        city.Catalogue.Find("0501")!.Limit(CaseStage.Handle, Urgency.Urgent).ShouldBe(TimeLimit.NaturalHours(2));
        city.Catalogue.Find("0501")!.AreaOwners.ShouldBe([new AreaOwner("rt.2.02", "rt.2.02.office")]);
        city.Calendar.IsWorkingDay(new DateOnly(2026, 10, 10)).ShouldBeTrue();
    }

    [Fact]
    public void Grid_cells_tile_each_community_with_hierarchical_codes()
    {
        var city = Riverton.Value;
        var cells = city.Children("rt.1.01.north").ToList();

        cells.ShouldAllBe(c => c.Level == OrgLevel.Grid && c.Code.StartsWith("rt.1.01.north.", StringComparison.Ordinal));
        var communityArea = city.Projection.ToMeters(city.Unit("rt.1.01.north").Boundary!).Area;
        cells.Sum(c => city.Projection.ToMeters(c.Boundary!).Area).ShouldBe(communityArea, communityArea * 1e-6);
    }

    [Theory]
    [InlineData(121.405, 31.205, "rt.1", "rt.1.01", "rt.1.01.south")]
    [InlineData(121.415, 31.215, "rt.1", "rt.1.01", "rt.1.01.north")]
    [InlineData(121.425, 31.201, "rt.2", "rt.2.01", "rt.2.01.market")]
    [InlineData(121.4399, 31.2199, "rt.2", "rt.2.02", "rt.2.02.harbour")]
    public void A_point_resolves_to_grid_community_street_and_district(double lon, double lat, string district, string street, string community)
    {
        var location = Riverton.Value.Locate(lon, lat);

        location.IsInsideCity.ShouldBeTrue();
        location.District!.Code.ShouldBe(district);
        location.Street!.Code.ShouldBe(street);
        location.Community!.Code.ShouldBe(community);
        location.Grid!.ParentCode.ShouldBe(community);
        Riverton.Value.Lineage(location.Grid.Code).Select(u => u.Level).ShouldBe([OrgLevel.Grid, OrgLevel.Community, OrgLevel.Street, OrgLevel.District, OrgLevel.City]);
    }

    [Theory]
    [InlineData(121.45, 31.21)]
    [InlineData(0, 0)]
    public void A_point_outside_the_city_gets_a_clear_answer(double lon, double lat) =>
        Riverton.Value.Locate(lon, lat).ShouldBe(Location.Outside);

    [Fact]
    public void A_broken_package_is_rejected_with_every_problem_listed()
    {
        var directory = TestCityPackage.CopyWith((file, node) =>
        {
            if (file == "city.json")
            {
                var units = node["units"]!.AsArray();
                units.Add(new JsonObject { ["code"] = "rt.9.01", ["level"] = "street", ["name"] = "Orphan", ["parent"] = "rt.9" });
                units.Add(new JsonObject { ["code"] = "rt.1", ["level"] = "district", ["name"] = "Twin", ["parent"] = "rt" });
                node["centres"]!.AsArray().RemoveAt(0);
            }
            else if (file == "boundaries.geojson")
            {
                var features = node["features"]!.AsArray();
                var market = features.Single(f => (string?)f!["id"] == "rt.2.01.market")!;
                market["geometry"] = JsonNode.Parse("""{"type":"Polygon","coordinates":[[[121.42,31.20],[121.43,31.22],[121.43,31.20],[121.42,31.22],[121.42,31.20]]]}""");
                var harbour = features.Single(f => (string?)f!["id"] == "rt.2.02.harbour")!;
                harbour["geometry"] = JsonNode.Parse("""{"type":"Polygon","coordinates":[[[121.43,31.20],[121.46,31.20],[121.46,31.22],[121.43,31.22],[121.43,31.20]]]}""");
            }
            else if (file == "matters.json")
            {
                var matters = node["matters"]!.AsArray();
                matters[2]!["owners"] = new JsonObject();
                matters[1]!["limits"] = null;
            }
        });

        var error = Should.Throw<CityPackageException>(() => CityPackageLoader.Load(directory));

        error.Errors.ShouldContain("units[11] (rt.1): duplicate code rt.1");
        error.Errors.ShouldContain("street rt.9.01: unknown parent 'rt.9'");
        error.Errors.ShouldContain(e => e.StartsWith("boundaries.geojson: boundary of rt.2.01.market is invalid: Self-intersection", StringComparison.Ordinal));
        error.Errors.ShouldContain("community rt.2.02.harbour lies 66.7% outside its street rt.2.02");
        error.Errors.ShouldContain("city rt has no operations centre");
        error.Errors.ShouldContain("matters.json: matter 0601 (非法小广告): has no responsible department (owners or areaOwners)");
        error.Errors.ShouldContain("matters.json: matter 0501 (暴露垃圾): no limit for verify (normal)");
        error.Message.ShouldStartWith("City package 'rt' is invalid (");
    }

    [Fact]
    public void Unknown_agencies_levels_and_limit_texts_are_named()
    {
        var directory = TestCityPackage.CopyWith((file, node) =>
        {
            if (file == "matters.json")
            {
                var matter = node["matters"]![0]!;
                matter["owners"] = new JsonObject { ["district"] = "PARKS", ["grid"] = "WATER" };
                matter["limitOverrides"] = JsonNode.Parse("""{"urgent":{"handle":"soon"}}""");
                matter["kind"] = "asset";
            }
            else if (file == "city.json")
            {
                node["timeZone"] = "Mars/Olympus";
                node["grid"]!["cellSizeMeters"] = 1;
            }
        });

        var errors = Should.Throw<CityPackageException>(() => CityPackageLoader.Load(directory)).Errors;

        errors.ShouldContain("city.json: timeZone 'Mars/Olympus' is not a known IANA time zone");
        errors.ShouldContain("city.json: grid.cellSizeMeters must be between 10 and 10000 (was 1)");
        errors.ShouldContain("matters.json: matter 0101 (上水井盖): no department of agency PARKS exists at district level");
        errors.ShouldContain("matters.json: matter 0101 (上水井盖): owner level 'grid' must be city, district or street");
        errors.ShouldContain("matters.json: matter 0101 (上水井盖): limit 'soon' for handle (urgent) is not like \"30m working\" or \"2h natural\"");
        errors.ShouldContain("matters.json: matter 0101 (上水井盖): kind 'asset' must be component (部件) or event (事件)");
    }

    [Fact]
    public void A_missing_manifest_or_malformed_json_is_reported_plainly()
    {
        Should.Throw<CityPackageException>(() => CityPackageLoader.Load(Path.GetTempPath() + "no-such-city"))
            .Errors.ShouldHaveSingleItem().ShouldStartWith("city.json not found");
        var directory = Path.Combine(Path.GetTempPath(), "cityactors-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "city.json"), "{ \"id\": ");

        Should.Throw<CityPackageException>(() => CityPackageLoader.Load(directory))
            .Errors.ShouldHaveSingleItem().ShouldStartWith("city.json is not valid JSON");
    }
}
