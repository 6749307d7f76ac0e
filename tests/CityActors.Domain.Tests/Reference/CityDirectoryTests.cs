using CityActors.Domain.City;
using CityActors.Domain.Reference;
using CityActors.Domain.Tests.Cases;

namespace CityActors.Domain.Tests.Reference;

public sealed class CityDirectoryTests
{
    private readonly CityDirectory _directory = new(CaseBook.Riverton.Value);

    [Fact]
    public void A_unit_comes_with_its_lineage_from_the_city_down_and_its_children()
    {
        var street = _directory.Unit("rt.1.01").ShouldNotBeNull();

        street.Unit.Level.ShouldBe(OrgLevel.Street);
        street.Lineage.Select(u => u.Code).ShouldBe(["rt", "rt.1"]);
        street.Children.Select(u => u.Code).ShouldBe(["rt.1.01.north", "rt.1.01.south"]);
        street.Children.ShouldAllBe(c => c.Level == OrgLevel.Community && c.Children > 0);
        _directory.Unit(null).ShouldNotBeNull().Unit.Code.ShouldBe("rt");
        _directory.Unit("rt.9.99").ShouldBeNull();
    }

    [Fact]
    public void A_point_is_located_to_its_grid_and_the_units_above_it_and_a_point_outside_to_nothing()
    {
        var place = _directory.Locate(121.405, 31.205).ShouldNotBeNull();

        place.Grid.Code.ShouldStartWith("rt.1.01.south.");
        place.Grid.Level.ShouldBe(OrgLevel.Grid);
        place.Community.Code.ShouldBe("rt.1.01.south");
        place.Street.Code.ShouldBe("rt.1.01");
        place.District.Code.ShouldBe("rt.1");
        _directory.Locate(0, 0).ShouldBeNull();
    }

    [Fact]
    public void Matters_carry_every_limit_of_the_catalogue()
    {
        var city = CaseBook.Riverton.Value;

        var matters = _directory.Matters();

        matters.Count.ShouldBe(city.Catalogue.Matters.Count);
        matters.Sum(m => m.Limits.Count).ShouldBe(city.Catalogue.Matters.Sum(m => m.Limits.Count));
    }
}
