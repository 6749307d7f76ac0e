using CityActors.Domain.Cases;
using CityActors.Domain.City;
using CityActors.Domain.Sensors;
using CityActors.Domain.Vitals;
using CityActors.GrainInterfaces.Vitals;
using CityActors.Grains.Sensors;
using CityActors.Grains.Vitals;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;
using CityActors.Testing;
using static CityActors.Grains.Tests.CaseSilo;

namespace CityActors.Grains.Tests.Sensors;

public sealed class VitalsGrainTests
{
    private static readonly DateTimeOffset Start = At(11, 16, 10);

    [Fact]
    public async Task After_a_randomized_run_every_units_vital_signs_equal_a_recomputation_from_the_raw_readings_and_cases()
    {
        await using var silo = await StartAsync(Start);
        var city = Riverton.Value;
        var random = new Random(12);
        var places = new (double Lon, double Lat)[] { (121.405, 31.205), (121.4399, 31.2199), (121.406, 31.206), (121.438, 31.219) };
        var sensors = places.Select((p, i) => (Id: $"v-{i}", p.Lon, p.Lat)).ToList();
        foreach (var (id, lon, lat) in sensors)
        {
            await silo.RegisterAsync(id, lon, lat, [new ThresholdRule("high", "0101", ThresholdDirection.Above, 1.0, 0.8, TimeSpan.Zero)]);
        }

        var accepted = new List<(string Sensor, DateTimeOffset At, double Value)>();
        for (var step = 1; step <= 60; step++)
        {
            silo.Clock.SetUtcNow(Start.AddMinutes(step));
            var batch = sensors.Where(_ => random.Next(3) > 0)
                .Select(s => new SensorReading(s.Id, Start.AddMinutes(step).AddSeconds(-random.Next(50)), Math.Round(random.NextDouble() * 1.3, 3)))
                .Append(new SensorReading("v-0", Start.AddMinutes(step - 30), 5)) // older than the last accepted once the run is under way
                .ToList();
            var verdicts = await silo.ReadAsync([.. batch]);
            accepted.AddRange(batch.Where((_, i) => verdicts[i] == ReadingVerdict.Accepted).Select(r => (r.SensorId, r.At, r.Value)));
            if (step % 7 == 0)
            {
                await silo.FlushVitalsAsync();
            }
        }

        await silo.SettleAsync();
        await silo.FlushVitalsAsync();
        await silo.Projector.CatchUpAsync();
        var grids = new Dictionary<string, string>();
        var statuses = new Dictionary<string, SensorStatus>();
        var alarms = 0;
        foreach (var (id, _, _) in sensors)
        {
            var view = await silo.Sensor(id).Get();
            grids[id] = view.Definition.GridCode;
            statuses[id] = view.Status;
            alarms += view.Conditions.Count(c => c.Phase == ConditionPhase.Active);
        }

        var now = Start.AddMinutes(60);
        foreach (var unit in grids.Values.SelectMany(g => city.Lineage(g)).DistinctBy(u => u.Code))
        {
            var here = grids.Where(g => city.Lineage(g.Value).Any(u => u.Code == unit.Code)).Select(g => statuses[g.Key]).ToList();
            var sensorCounts = new SensorCounts(
                here.Count + FleetIn(city, unit), here.Count(s => s == SensorStatus.Online), here.Count(s => s == SensorStatus.Offline), FleetIn(city, unit));
            var open = await silo.ReadModel.QueryAsync(new CaseQuery(OrgUnit: unit.Code, Statuses: [.. Enum.GetValues<CaseStatus>().Where(s => s.IsOpen())], Limit: 1000), default);
            List<MatterCaseCount> caseCounts = [.. open.Cases.GroupBy(c => c.MatterCode).Select(g => new MatterCaseCount(g.Key, g.Count(), g.Count(c => c.Overdue)))];

            // Totals travel up the hierarchy after each change is answered.
            var vitals = await Eventually.Value(
                () => silo.Grains.GetGrain<IVitalsGrain>(unit.Code).Get(),
                v => v.Sensors == sensorCounts && v.Cases.SequenceEqual(caseCounts));
            var inUnit = accepted.Where(r => city.Lineage(grids[r.Sensor]).Any(u => u.Code == unit.Code)).ToList();
            var water = vitals.Indicators.Single();
            water.Kind.ShouldBe(SensorKind.WaterLevel);
            Compare(water.Last5Minutes, inUnit.Where(r => r.At >= IndicatorMinute.MinuteOf(now).AddMinutes(-4)));
            Compare(water.LastHour, inUnit.Where(r => r.At >= IndicatorMinute.MinuteOf(now).AddMinutes(-59)));
            Compare(water.Last24Hours, inUnit);
            water.Latest.ShouldBe(inUnit.MaxBy(r => r.At).Value);

            vitals.Sensors.ShouldBe(sensorCounts);
            vitals.Cases.ShouldBe(caseCounts);
        }

        (await Eventually.Value(() => silo.Grains.GetGrain<IVitalsGrain>("rt").Get(), v => v.ActiveAlarms == alarms)).ActiveAlarms.ShouldBe(alarms);
        var history = await silo.Grains.GetGrain<IVitalsGrain>("rt").GetHistory(SensorKind.WaterLevel);
        history.Sum(p => p.Count).ShouldBe(accepted.Count);
    }

    [Fact]
    public async Task A_case_is_counted_open_then_overdue_then_gone_in_its_units_and_all_above()
    {
        await using var silo = await StartAsync(Start);
        var id = (await silo.ReportAsync("vc-1", "0501", SouthBank)).Id;
        var grid = (await silo.Case(id).Get()).Place.GridCode!;

        foreach (var unit in new[] { grid, "rt.1.01.south", "rt.1.01", "rt.1", "rt" })
        {
            await CasesAsync(silo, unit, [new MatterCaseCount("0501", 1, 0)]);
        }

        await silo.AdvanceToAsync(At(11, 16, 10, 35)); // verification limit: 30 working minutes
        await CasesAsync(silo, "rt", [new MatterCaseCount("0501", 1, 1)]);
        await silo.Case(id).Execute(new RejectCase(SensorTesting.Operator, "not a problem"));
        await CasesAsync(silo, "rt", []);
        (await silo.Grains.GetGrain<IVitalsGrain>("rt.2").Get()).Cases.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_parent_stores_its_childrens_totals_within_the_checkpoint_after_a_change_not_with_every_change()
    {
        await using var silo = await StartAsync(Start);
        await silo.Services.GetRequiredService<FleetRegistration>().Registered;
        await silo.AdvanceAsync(VitalsGrain.ChildTotalsCheckpoint);
        var stored = await StoredCityCasesAsync(silo);
        stored.ShouldBeEmpty();

        var id = (await silo.ReportAsync("vs-1", "0501", SouthBank)).Id;
        await CasesAsync(silo, "rt", [new MatterCaseCount("0501", 1, 0)]);
        (await StoredCityCasesAsync(silo)).ShouldBeEmpty("the change is answered and sent up before it is stored");

        await silo.AdvanceAsync(VitalsGrain.ChildTotalsCheckpoint);
        await Eventually.Value(() => StoredCityCasesAsync(silo), cases => cases.SequenceEqual([new MatterCaseCount("0501", 1, 0)]));

        await silo.Case(id).Execute(new RejectCase(SensorTesting.Operator, "not a problem"));
        await CasesAsync(silo, "rt", []);
        await silo.CollectIdleActivationsAsync();
        (await StoredCityCasesAsync(silo)).ShouldBeEmpty("a deactivated unit stores what it had not stored yet");
    }

    /// <summary>The case counts the city's stored book holds for its children, summed.</summary>
    private static async Task<IReadOnlyList<MatterCaseCount>> StoredCityCasesAsync(CaseSilo silo)
    {
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var state = new GrainState<VitalsBook>(new VitalsBook());
        await storage.ReadStateAsync("vitals", silo.Grains.GetGrain<IVitalsGrain>("rt").GetGrainId(), state);
        return state.State is { } book ? VitalTotals.Sum([], [], book.Children.Values).Cases : [];
    }

    /// <summary>Waits until the unit counts <paramref name="expected"/> (the case projection tells the case's unit, and totals travel up from there).</summary>
    private static Task<VitalSigns> CasesAsync(CaseSilo silo, string unit, IReadOnlyList<MatterCaseCount> expected) =>
        Eventually.Value(() => silo.Grains.GetGrain<IVitalsGrain>(unit).Get(), v => v.Cases.SequenceEqual(expected));

    private static int FleetIn(CityModel city, OrgUnit unit) =>
        city.Sensors.Fleet.Count(f => city.Lineage(city.Locate(f.Longitude, f.Latitude).Grid!.Code).Any(u => u.Code == unit.Code));

    private static void Compare(WindowStats window, IEnumerable<(string Sensor, DateTimeOffset At, double Value)> expected)
    {
        var values = expected.Select(r => r.Value).ToList();
        window.Count.ShouldBe(values.Count);
        if (values.Count == 0)
        {
            window.ShouldBe(WindowStats.None);
            return;
        }

        window.Average!.Value.ShouldBe(values.Average(), 1e-9);
        window.Max.ShouldBe(values.Max());
    }
}
