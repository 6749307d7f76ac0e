using CityActors.Domain.Calendar;
using CityActors.Domain.Cases;
using CityActors.Domain.Matters;
using CityActors.LoadTests.Hosting;
using CityActors.LoadTests.Replay.Sources;

namespace CityActors.LoadTests.Tests;

public sealed class ReplaySourceTests(CompressedNyc nyc) : IClassFixture<CompressedNyc>
{
    [Fact]
    public void The_compressed_city_divides_every_limit_and_works_around_the_clock()
    {
        var shipped = DemoCity.Nyc.Catalogue.Find("NYC001")!;
        var compressed = nyc.City.Catalogue.Find("NYC001")!;
        foreach (var stage in Enum.GetValues<CaseStage>())
        {
            compressed.Limit(stage, Urgency.Normal).Duration.ShouldBe(shipped.Limit(stage, Urgency.Normal).Duration / 100, TimeSpan.FromTicks(1));
        }

        // A Sunday night: working time runs as natural time does.
        var sunday = new DateTimeOffset(2026, 11, 29, 23, 0, 0, TimeSpan.Zero);
        nyc.City.Calendar.Deadline(sunday, new TimeLimit(TimeSpan.FromMinutes(36), TimeMode.Working)).ShouldBe(sunday.AddMinutes(36));
        nyc.Package.CaseSettings["CityActors:Cases:DistrictEscalationLimit"].ShouldBe("2.4m working");
    }

    [Theory]
    [InlineData("12 MANHATTAN", "nyc.1.112")]
    [InlineData("03 STATEN ISLAND", "nyc.5.503")]
    [InlineData("0 Unspecified", null)]
    [InlineData("Unspecified BROOKLYN", null)]
    public void Community_boards_map_to_streets(string board, string? street) =>
        ComplaintMix.StreetOfBoard(board).ShouldBe(street);

    [Fact]
    public void The_complaint_mix_of_2011_lands_inside_the_drawn_streets()
    {
        var mix = ComplaintMix.Load(CompressedNyc.Data("nyc311-complaints-by-community-board.csv"), nyc.City, 2011);
        mix.Year.ShouldBe(2011);
        mix.CoveredShare.ShouldBeInRange(0.3, 0.95);
        var places = new PlaceSampler(nyc.City);
        var random = new Random(1);
        for (var i = 0; i < 200; i++)
        {
            var (street, matter) = mix.Draw(random);
            nyc.City.Catalogue.Find(matter).ShouldNotBeNull();
            var (lon, lat) = places.Draw(street, random);
            nyc.City.Locate(lon, lat).Street!.Code.ShouldBe(street);
        }
    }

    [Fact]
    public void Synthetic_arrivals_follow_the_rate_of_the_day()
    {
        var mix = ComplaintMix.Load(CompressedNyc.Data("nyc311-complaints-by-community-board.csv"), nyc.City, 2011);
        var channels = ChannelMix.Load(CompressedNyc.Data("nyc311-1m-field-frequencies.csv"));
        channels.Shares[Channel.Hotline].ShouldBeInRange(0.72, 0.76);
        var arrivals = new SyntheticArrivals(mix, channels, new PlaceSampler(nyc.City), 276_827, 100, 10, TimeSpan.FromSeconds(30), 7);

        var generated = arrivals.Generate().ToList();

        // 10:00–10:50 of the busiest day at 100×: 7.8 % of the day's requests in that hour, about 600 a second.
        arrivals.ExpectedCount().ShouldBeInRange(16_000, 19_500);
        generated.Count.ShouldBeInRange((int)(arrivals.ExpectedCount() * 0.95), (int)(arrivals.ExpectedCount() * 1.05));
        generated.Select(a => a.At).ShouldBeInOrder();
        generated.Select(a => a.ExternalId).Distinct().Count().ShouldBe(generated.Count);
    }

    [Fact]
    public void The_shipped_311_sample_replays_in_created_order_with_its_keys()
    {
        var file = Nyc311CsvArrivals.Load(CompressedNyc.Data("nyc311-sample-100.csv"), nyc.City, 1e6, 7);

        file.Rows.ShouldBe(100);
        (file.Arrivals.Count + file.Skipped.Values.Sum()).ShouldBe(100);
        file.Arrivals.Count.ShouldBeGreaterThan(30);
        file.Skipped.Keys.ShouldContain("complaint type not in the catalogue");
        file.Arrivals[0].At.ShouldBe(TimeSpan.Zero);
        file.Arrivals.Select(a => a.At).ShouldBeInOrder();
        file.Arrivals[^1].At.TotalSeconds.ShouldBe(file.CitySpan.TotalSeconds / 1e6, 1e-3);
        file.Arrivals.ShouldAllBe(a => nyc.City.Locate(a.Longitude, a.Latitude).Street!.Code == a.Street);
        file.Arrivals.Select(a => a.ExternalId).ShouldContain("42254749");
    }

    [Fact]
    public void A_csv_without_the_311_columns_is_refused_by_name()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "id,when\n1,2020-01-01\n");
        try
        {
            Should.Throw<InvalidDataException>(() => Nyc311CsvArrivals.Load(path, nyc.City, 100, 1)).Message.ShouldContain("'Created Date'");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
