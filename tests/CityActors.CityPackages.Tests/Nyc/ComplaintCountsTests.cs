using CityActors.Testing;
using CityActors.CityPackages.Nyc;

namespace CityActors.CityPackages.Tests.Nyc;

public sealed class ComplaintCountsTests
{
    [Fact]
    public void Counts_add_up_over_years_and_boards_whatever_the_case_and_quoting()
    {
        var csv = Path.Combine(Path.GetTempPath(), "cityactors-complaints-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(csv, """
            year,Community Board,Borough,Complaint Type,cnt
            2010,01 BRONX,BRONX,PLUMBING,5
            2011,02 BRONX,BRONX,Plumbing,7
            2011,02 BRONX,BRONX,"Water Conservation, Leak",3
            2012,03 BRONX,BRONX,Noise,not-a-number
            """);
        try
        {
            var counts = ComplaintCounts.Read(csv);

            counts["plumbing"].ShouldBe(12);
            counts["Water Conservation, Leak"].ShouldBe(3);
            counts.ShouldNotContainKey("Noise");
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public void Counts_per_community_district_are_keyed_by_boro_cd_without_unspecified_boards()
    {
        var csv = Path.Combine(Path.GetTempPath(), "cityactors-complaints-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(csv, """
            year,Community Board,Borough,Complaint Type,cnt
            2010,05 MANHATTAN,MANHATTAN,Noise,5
            2011,05 MANHATTAN,MANHATTAN,noise,2
            2011,12 STATEN ISLAND,STATEN ISLAND,Sewer,3
            2011,0 Unspecified,Unspecified,Sewer,9
            2011,Unspecified QUEENS,QUEENS,Sewer,4
            """);
        try
        {
            var counts = ComplaintCounts.ReadByDistrict(csv);

            counts.Keys.ShouldBe([105, 512], ignoreOrder: true);
            counts[105]["Noise"].ShouldBe(7);
            counts[512]["Sewer"].ShouldBe(3);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public void The_repository_sample_ranks_residential_noise_first()
    {
        var counts = ComplaintCounts.Read(Path.Combine(RepositoryFiles.NycDirectory, "nyc311-complaints-by-community-board.csv"));

        counts.Values.Sum().ShouldBe(619_136); // each board's top types per year, not all 1,000,000 requests
        counts.MaxBy(c => c.Value).Key.ShouldBe("Noise - Residential");
    }
}
