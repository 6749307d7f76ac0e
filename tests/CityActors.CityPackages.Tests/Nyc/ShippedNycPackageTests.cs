using CityActors.Testing;
using CityActors.Domain.City;
using CityActors.Domain.Matters;
using CityActors.Domain.Package;

namespace CityActors.CityPackages.Tests.Nyc;

/// <summary>The NYC demo package shipped with the silo: it loads, nests and locates real places.</summary>
public sealed class ShippedNycPackageTests
{
    private static readonly Lazy<CityModel> Nyc = new(() => CityPackageLoader.Load(RepositoryFiles.ShippedNycPackage));

    [Fact]
    public void The_demo_city_has_the_five_levels_centres_departments_and_311_catalogue()
    {
        var city = Nyc.Value;

        city.CountAt(OrgLevel.District).ShouldBe(5);
        city.CountAt(OrgLevel.Street).ShouldBe(71);
        city.CountAt(OrgLevel.Community).ShouldBeGreaterThanOrEqualTo(188);
        city.CountAt(OrgLevel.Grid).ShouldBeGreaterThan(12_000);
        city.Centres.Count().ShouldBe(1 + 5 + 71);
        city.DepartmentOf("DOT", "nyc.3")!.Name.ShouldBe("Department of Transportation, Brooklyn office");
        city.Catalogue.Matters[0].NameEn.ShouldBe("Noise - Residential");
        city.Catalogue.Matters.ShouldContain(m => m.NameEn == "Street Light Condition" && m.Kind == MatterKind.Component && m.OwnerAgencies[OrgLevel.District] == "DOT");
        city.Calendar.IsWorkingDay(new DateOnly(2026, 11, 26)).ShouldBeFalse(); // Thanksgiving
    }

    [Theory]
    [InlineData(-73.9855, 40.7580, "nyc.1", "nyc.1.105")] // Times Square, Manhattan CD 5
    [InlineData(-73.9701, 40.6602, "nyc.3", null)]        // Prospect Park
    [InlineData(-73.7781, 40.6413, "nyc.4", null)]        // JFK airport
    [InlineData(-74.1669, 40.5823, "nyc.5", null)]        // Staten Island Mall
    public void Landmarks_resolve_down_to_a_grid_cell(double lon, double lat, string district, string? street)
    {
        var location = Nyc.Value.Locate(lon, lat);

        location.IsInsideCity.ShouldBeTrue();
        location.District!.Code.ShouldBe(district);
        if (street is not null)
        {
            location.Street!.Code.ShouldBe(street);
        }

        location.Grid!.Code.ShouldStartWith(location.Community!.Code + ".");
        location.Community.Code.ShouldStartWith(location.Street!.Code + ".");
    }

    [Fact]
    public void Points_outside_new_york_are_outside() =>
        Nyc.Value.Locate(-74.1724, 40.7357).ShouldBe(Location.Outside); // Newark
}
