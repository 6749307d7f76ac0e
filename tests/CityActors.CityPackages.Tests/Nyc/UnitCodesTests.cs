using CityActors.CityPackages.Nyc;

namespace CityActors.CityPackages.Tests.Nyc;

public sealed class UnitCodesTests
{
    [Theory]
    [InlineData("Todt Hill-Emerson Hill", "todt-hill-emerson-hill")]
    [InlineData("Bedford-Stuyvesant (East) and Ocean Hills Area", "bedford-stuyvesant-east-and-ocean-hills")] // cut at a hyphen, which is dropped
    [InlineData("  Park Slope / Gowanus ", "park-slope-gowanus")]
    [InlineData("Todt Hill-Emerson Hill-Heartland Village-Lighthouse Hill", "todt-hill-emerson-hill-heartland-village")]
    public void Names_become_lower_case_hyphenated_slugs_of_at_most_40_characters(string name, string slug) =>
        UnitCodes.Slug(name).ShouldBe(slug);

    [Fact]
    public void A_taken_code_gets_the_next_free_number()
    {
        var taken = new HashSet<string>(StringComparer.Ordinal) { "nyc.3.301.bushwick", "nyc.3.301.bushwick-2" };

        UnitCodes.Unique("nyc.3.301", "bushwick", taken).ShouldBe("nyc.3.301.bushwick-3");
        UnitCodes.Unique("nyc.3.301", "williamsburg", taken).ShouldBe("nyc.3.301.williamsburg");
    }
}
