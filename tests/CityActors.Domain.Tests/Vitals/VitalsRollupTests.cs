using CityActors.Domain.City;
using CityActors.Domain.Sensors;
using CityActors.Domain.Vitals;
using static CityActors.Domain.Tests.Cases.CaseBook;

namespace CityActors.Domain.Tests.Vitals;

public sealed class VitalsRollupTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 16, 12, 0, 30, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Vital_signs_built_from_flushed_rollups_equal_a_recomputation_from_the_raw_readings(int seed)
    {
        var city = Riverton.Value;
        var random = new Random(seed);
        var grids = city.Units.Where(u => u.Level == OrgLevel.Grid).OrderBy(u => u.Code, StringComparer.Ordinal).Take(40).Select(u => u.Code).ToList();
        var readings = new List<(string Grid, SensorKind Kind, DateTimeOffset At, double Value)>();
        var books = new Dictionary<string, VitalsBook>(StringComparer.Ordinal);
        var rollup = new ReadingRollup();
        for (var flush = 0; flush < 20; flush++)
        {
            for (var i = 0; i < 200; i++)
            {
                var reading = (grids[random.Next(grids.Count)], (SensorKind)random.Next(3), Now.AddMinutes(-random.Next(0, 26 * 60)).AddSeconds(-random.Next(60)), Math.Round(random.NextDouble() * 100, 3));
                readings.Add(reading);
                rollup.Add(reading.Item1, reading.Item2, reading.Item3, reading.Item4);
            }

            foreach (var (unit, minutes) in rollup.Drain(city))
            {
                (books.TryGetValue(unit, out var book) ? book : books[unit] = new VitalsBook()).Merge(minutes);
            }
        }

        foreach (var (unitCode, book) in books)
        {
            var unit = city.Unit(unitCode);
            var inUnit = readings.Where(r => city.Lineage(r.Grid).Any(u => u.Code == unitCode)).ToList();
            var view = book.View(unit, Now, null);
            foreach (var indicator in view.Indicators)
            {
                var ofKind = inUnit.Where(r => r.Kind == indicator.Kind).ToList();
                var kept = ofKind.Where(r => r.At > Now.AddHours(-24).AddMinutes(-1)).ToList();
                Check(indicator.Last5Minutes, ofKind.Where(r => r.At >= MinuteOf(Now).AddMinutes(-4)));
                Check(indicator.LastHour, ofKind.Where(r => r.At >= MinuteOf(Now).AddMinutes(-59)));
                Check(indicator.Last24Hours, ofKind.Where(r => r.At >= MinuteOf(Now).AddMinutes(-24 * 60 + 1)));
                indicator.LatestAt.ShouldBe(kept.Max(r => r.At));
                book.History(indicator.Kind, Now).Sum(p => p.Count).ShouldBe(ofKind.Count(r => r.At >= MinuteOf(Now).AddMinutes(-24 * 60 + 1)));
            }
        }
    }

    [Fact]
    public void A_case_mark_older_than_the_one_held_is_ignored_and_a_closed_case_is_dropped()
    {
        var book = new VitalsBook();
        book.SetCases([new("c-1", 2, new CaseMark("0101", true, false)), new("c-1", 4, new CaseMark("0101", true, true))]).ShouldBeTrue();

        book.SetCases([new("c-1", 3, new CaseMark("0101", true, false))]).ShouldBeFalse("version 3 is older than the held 4");
        book.Totals().Cases.ShouldBe([new MatterCaseCount("0101", 1, 1)]);

        book.SetCases([new("c-1", 5, new CaseMark("0101", false, false))]).ShouldBeTrue();
        book.Cases.ShouldBeEmpty();
        book.Totals().Cases.ShouldBeEmpty();
    }

    [Fact]
    public void Totals_add_up_sensors_open_cases_and_children_and_report_only_real_changes()
    {
        var book = new VitalsBook();
        book.SetSensor("a", new SensorGauge(SensorStatus.Online, 1)).ShouldBeTrue();
        book.SetSensor("a", new SensorGauge(SensorStatus.Online, 1)).ShouldBeFalse();
        book.SetSensor("b", new SensorGauge(SensorStatus.Offline, 0)).ShouldBeTrue();
        book.SetCases([new("c-1", 1, new CaseMark("0101", true, false))]).ShouldBeTrue();
        book.SetCases([new("c-2", 1, new CaseMark("0101", true, true))]).ShouldBeTrue();
        book.SetChild("child", new VitalTotals(new SensorCounts(3, 1, 1, 1), 2, [new MatterCaseCount("0501", 2, 1), new MatterCaseCount("0101", 1, 0)])).ShouldBeTrue();
        book.SetCases([new("c-1", 3, new CaseMark("0101", false, false))]).ShouldBeTrue();

        var totals = book.Totals();
        totals.Sensors.ShouldBe(new SensorCounts(5, 2, 2, 1));
        totals.ActiveAlarms.ShouldBe(3);
        totals.Cases.ShouldBe([new MatterCaseCount("0101", 2, 1), new MatterCaseCount("0501", 2, 1)]);
        book.SetSensor("a", null).ShouldBeTrue();
        book.Totals().Sensors.Registered.ShouldBe(4);

        var child = new VitalTotals(new SensorCounts(3, 1, 1, 1), 2, [new MatterCaseCount("0501", 2, 1), new MatterCaseCount("0101", 1, 0)]);
        book.SetChild("child", child with { Cases = [.. child.Cases] }).ShouldBeFalse("the same counts in another list");
        book.SetChild("child", child with { Cases = [new MatterCaseCount("0501", 1, 1)] }).ShouldBeTrue();
        book.Totals().Cases.ShouldBe([new MatterCaseCount("0101", 1, 1), new MatterCaseCount("0501", 1, 1)]);
        book.SetChild("child", child with { ActiveAlarms = 5 }).ShouldBeTrue();
        book.Totals().ActiveAlarms.ShouldBe(5);
        book.Totals().Cases.ShouldBe([new MatterCaseCount("0101", 2, 1), new MatterCaseCount("0501", 2, 1)]);
        book.Children = [];
        book.Totals().Sensors.Registered.ShouldBe(1, "replacing the children (as storage does) forgets their totals");
    }

    private static DateTimeOffset MinuteOf(DateTimeOffset at) => IndicatorMinute.MinuteOf(at);

    private static void Check(WindowStats window, IEnumerable<(string Grid, SensorKind Kind, DateTimeOffset At, double Value)> expected)
    {
        var values = expected.Select(r => r.Value).ToList();
        window.Count.ShouldBe(values.Count);
        if (values.Count > 0)
        {
            window.Average!.Value.ShouldBe(values.Average(), 1e-9);
            window.Max.ShouldBe(values.Max());
        }
    }
}
