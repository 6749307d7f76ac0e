using CityActors.Domain.Sensors;

namespace CityActors.Domain.Tests.Sensors;

public sealed class SensorReadingGeneratorTests
{
    private static readonly DateTimeOffset Start = new(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly ThresholdRule High = new("high", "0901", ThresholdDirection.Above, 1.0, 0.8, TimeSpan.FromMinutes(2));

    [Fact]
    public void The_same_seed_gives_the_same_readings_in_any_order()
    {
        var sensor = WaterLevel("rt-wl-1");
        var times = Enumerable.Range(0, 500).Select(i => Start.AddMinutes(5 * i)).ToList();
        var first = new SensorReadingGenerator(42, 0.1);
        var second = new SensorReadingGenerator(42, 0.1);

        var forward = times.Select(t => first.ValueAt(sensor, t)).ToList();
        var backward = Enumerable.Reverse(times).Select(t => second.ValueAt(sensor, t)).Reverse().ToList();

        backward.ShouldBe(forward);
        times.Select(t => new SensorReadingGenerator(43, 0.1).ValueAt(sensor, t)).ShouldNotBe(forward);
        times.Select(t => first.ValueAt(WaterLevel("rt-wl-2"), t)).ShouldNotBe(forward);
        first.ReadingAt(sensor, times[3]).ShouldBe(new SensorReading("rt-wl-1", times[3], forward[3]));
    }

    [Theory]
    [InlineData(0.02)]
    [InlineData(0.1)]
    [InlineData(0.3)]
    public void The_share_of_readings_beyond_the_trigger_is_the_excursion_probability(double probability)
    {
        var generator = new SensorReadingGenerator(7, probability);
        var sensors = Enumerable.Range(1, 200).Select(i => WaterLevel($"wl-{i}")).ToList();
        var readings = sensors.SelectMany(s => Enumerable.Range(0, 288).Select(i => (Sensor: s, At: Start.AddMinutes(5 * i)))).ToList();

        var beyond = readings.Count(r => High.IsBeyondTrigger(generator.ValueAt(r.Sensor, r.At)));

        ((double)beyond / readings.Count).ShouldBe(probability, probability * 0.15 + 0.002);
        readings.Count(r => generator.IsExcursionAt(r.Sensor, r.At)).ShouldBe(beyond);
    }

    [Fact]
    public void Excursions_last_long_enough_to_pass_the_debounce()
    {
        var generator = new SensorReadingGenerator(11, 0.05);
        var sensor = WaterLevel("rt-wl-1");
        var flags = Enumerable.Range(0, 5000).Select(i => generator.IsExcursionAt(sensor, Start.AddMinutes(5 * i))).ToList();

        // Episodes are 2 min + 2 × 5 min long: two or three readings in a row.
        var runs = new List<int>();
        for (var i = 0; i < flags.Count; i++)
        {
            if (flags[i] && (i == 0 || !flags[i - 1]))
            {
                runs.Add(flags.Skip(i).TakeWhile(f => f).Count());
            }
        }

        runs.ShouldNotBeEmpty();
        runs.ShouldAllBe(r => r >= 2);
    }

    [Fact]
    public void Without_excursions_readings_stay_on_the_clear_side()
    {
        var generator = new SensorReadingGenerator(3);
        var below = new ThresholdRule("low", "0901", ThresholdDirection.Below, 40, 45, TimeSpan.Zero);
        var noise = new SensorDefinition("ns-1", SensorKind.Noise, 121.41, 31.205, "g", "d", TimeSpan.FromMinutes(1), [below]);

        Enumerable.Range(0, 1000).Select(i => generator.ValueAt(WaterLevel("wl"), Start.AddMinutes(i))).ShouldAllBe(v => v <= High.Clear);
        Enumerable.Range(0, 1000).Select(i => generator.ValueAt(noise, Start.AddMinutes(i))).ShouldAllBe(v => v >= below.Clear);
    }

    [Fact]
    public void Excursions_of_a_below_rule_go_below_and_sensors_without_a_threshold_have_none()
    {
        var generator = new SensorReadingGenerator(5, 1);
        var below = new ThresholdRule("low", "0901", ThresholdDirection.Below, 40, 45, TimeSpan.Zero);
        var noise = new SensorDefinition("ns-1", SensorKind.Noise, 121.41, 31.205, "g", "d", TimeSpan.FromMinutes(1), [below]);
        var offlineOnly = new SensorDefinition("ns-2", SensorKind.Noise, 121.41, 31.205, "g", "d", TimeSpan.FromMinutes(1), [new OfflineRule("offline", "0902", 3)]);

        Enumerable.Range(0, 100).Select(i => generator.ValueAt(noise, Start.AddMinutes(i))).ShouldAllBe(v => v < below.Trigger);
        Enumerable.Range(0, 100).ShouldAllBe(i => !generator.IsExcursionAt(offlineOnly, Start.AddMinutes(i)));
    }

    [Fact]
    public void Every_kind_reads_finite_plausible_values_with_a_daily_curve()
    {
        var generator = new SensorReadingGenerator(9, 0.05);
        foreach (var kind in SensorKinds.All)
        {
            var sensor = new SensorDefinition($"{kind}-1", kind, -73.98, 40.75, "g", "d", TimeSpan.FromMinutes(5), []);
            var values = Enumerable.Range(0, 2000).Select(i => generator.ValueAt(sensor, Start.AddMinutes(7 * i))).ToList();

            values.ShouldAllBe(v => double.IsFinite(v) && v >= 0, kind.ToString());
            values.Distinct().Count().ShouldBeGreaterThan(100, kind.ToString());
        }

        // Street lights draw current at night (local solar time) and none at noon.
        var light = new SensorDefinition("sl-1", SensorKind.StreetLightCurrent, 0, 0, "g", "d", TimeSpan.FromMinutes(15), []);
        generator.ValueAt(light, Start).ShouldBeGreaterThan(0.5);
        generator.ValueAt(light, Start.AddHours(12)).ShouldBeLessThan(0.1);
    }

    [Fact]
    public void The_probability_must_be_a_probability() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new SensorReadingGenerator(1, 1.5));

    private static SensorDefinition WaterLevel(string id) =>
        new(id, SensorKind.WaterLevel, 121.41, 31.205, "rt.1.01.south.0001", "rt.1.water", TimeSpan.FromMinutes(5),
            [High, new RateOfChangeRule("surge", "0901", 0.1), new OfflineRule("offline", "0902", 3)]);
}
