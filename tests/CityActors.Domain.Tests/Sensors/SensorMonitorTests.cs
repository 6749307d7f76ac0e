using CityActors.Domain.Sensors;
using static CityActors.Domain.Tests.Cases.CaseBook;

namespace CityActors.Domain.Tests.Sensors;

public sealed class SensorMonitorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 16, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly SensorMonitor Monitor = SensorMonitor.Default;

    private static SensorState Registered(params SensorRule[] rules) => new()
    {
        RegisteredAt = T0,
        Definition = new SensorDefinition("s-1", SensorKind.WaterLevel, 121.405, 31.205, "rt.1.01.south.0019", "rt.1.water", TimeSpan.FromMinutes(1), rules),
    };

    private static (SensorState State, List<ConditionChange> Changes) Feed(SensorState state, params (double Minutes, double Value)[] readings)
    {
        var changes = new List<ConditionChange>();
        foreach (var (minutes, value) in readings)
        {
            var at = T0.AddMinutes(minutes);
            var result = Monitor.Evaluate(state, [new SensorReading("s-1", at, value)], at);
            result.Verdicts.ShouldBe([ReadingVerdict.Accepted]);
            changes.AddRange(result.Changes);
            state = result.After;
        }

        return (state, changes);
    }

    [Fact]
    public void Debounce_needs_the_whole_minimum_duration_beyond_the_trigger_and_restarts_when_a_reading_falls_back()
    {
        var rule = new ThresholdRule("high", "0101", ThresholdDirection.Above, 1.0, 0.8, TimeSpan.FromMinutes(3));
        var (state, changes) = Feed(Registered(rule), (0, 1.1), (1, 1.2), (2, 0.99), (3, 1.0), (5, 1.5));
        changes.ShouldBeEmpty();
        state.Condition("high").Phase.ShouldBe(ConditionPhase.Pending);
        state.Condition("high").Since.ShouldBe(T0.AddMinutes(3));

        (state, changes) = Feed(state, (6, 1.01));
        changes.Select(c => (c.Kind, c.At)).ShouldBe([(ConditionChangeKind.Started, T0.AddMinutes(6))]);
        state.Condition("high").Since.ShouldBe(T0.AddMinutes(3));
    }

    [Fact]
    public void Hysteresis_keeps_the_condition_until_the_clear_level_and_below_rules_mirror_it()
    {
        var above = new ThresholdRule("high", "0101", ThresholdDirection.Above, 1.0, 0.8, TimeSpan.Zero);
        var (_, changes) = Feed(Registered(above), (0, 1.0), (1, 0.81), (2, 0.99), (3, 0.8), (4, 0.9));
        changes.Select(c => c.Kind).ShouldBe([ConditionChangeKind.Started, ConditionChangeKind.Continued, ConditionChangeKind.Continued, ConditionChangeKind.Ended]);

        var below = new ThresholdRule("low", "0101", ThresholdDirection.Below, 2.0, 3.0, TimeSpan.Zero);
        (_, changes) = Feed(Registered(below), (0, 2.5), (1, 1.9), (2, 2.9), (3, 3.0));
        changes.Select(c => c.Kind).ShouldBe([ConditionChangeKind.Started, ConditionChangeKind.Continued, ConditionChangeKind.Ended]);
    }

    [Fact]
    public void Readings_of_one_call_that_prolong_a_condition_become_one_change_per_rule()
    {
        var state = Registered(new ThresholdRule("high", "0101", ThresholdDirection.Above, 1.0, 0.8, TimeSpan.Zero), new RateOfChangeRule("surge", "0101", 0.3));
        var readings = new[] { (1.0, 1.2), (2.0, 1.25), (3.0, 1.3), (4.0, 0.5) }.Select(r => new SensorReading("s-1", T0.AddMinutes(r.Item1), r.Item2)).ToList();
        readings.Insert(0, new SensorReading("s-1", T0, 0.5));

        var result = Monitor.Evaluate(state, readings, T0.AddMinutes(5));

        result.Changes.Select(c => (c.RuleCode, c.Kind, c.Readings.Count)).ShouldBe([
            ("high", ConditionChangeKind.Started, 1),
            ("surge", ConditionChangeKind.Started, 1),
            ("high", ConditionChangeKind.Continued, 2),
            ("surge", ConditionChangeKind.Ended, 1),
            ("high", ConditionChangeKind.Ended, 1),
            ("surge", ConditionChangeKind.Started, 1),
        ]);
        result.After.Condition("surge").Occurrences.ShouldBe(2);
        state.Conditions.ShouldBeEmpty(); // the given state is never touched
    }

    [Fact]
    public void Silence_turns_an_online_sensor_offline_once_at_its_offline_time_and_a_reading_brings_it_back()
    {
        var state = Registered(new OfflineRule("offline", "0902", 3));
        Monitor.CheckSilence(state, T0.AddHours(1)).After.Status.ShouldBe(SensorStatus.Offline); // never reported, but overdue since registration
        (state, _) = Feed(state, (0, 0.2));
        state.OfflineDue.ShouldBe(T0.AddMinutes(3));
        Monitor.CheckSilence(state, T0.AddMinutes(2.9)).Changes.ShouldBeEmpty();

        var silent = Monitor.CheckSilence(state, T0.AddMinutes(3));
        silent.After.Status.ShouldBe(SensorStatus.Offline);
        silent.Changes.Single().Description.ShouldContain("its last reading was at 2026-11-16 10:00:00 +08:00");
        Monitor.CheckSilence(silent.After, T0.AddMinutes(10)).Changes.ShouldBeEmpty();

        var (back, changes) = Feed(silent.After, (11, 0.3));
        back.Status.ShouldBe(SensorStatus.Online);
        changes.Single().Kind.ShouldBe(ConditionChangeKind.Ended);
    }

    [Fact]
    public void An_emergency_profile_moves_a_threshold_rule_of_its_kind_only()
    {
        var state = Registered(new ThresholdRule("high", "0101", ThresholdDirection.Above, 1.0, 0.8, TimeSpan.Zero));
        ThresholdOverride[] flood = [new(SensorKind.WaterLevel, "high", 0.6, 0.4)];
        ThresholdOverride[] otherKind = [new(SensorKind.Noise, "high", 0.6, 0.4)];

        Monitor.Evaluate(state, [new SensorReading("s-1", T0, 0.7)], T0, otherKind).Changes.ShouldBeEmpty();
        var tightened = Monitor.Evaluate(state, [new SensorReading("s-1", T0, 0.7)], T0, flood);
        tightened.Changes.Single().Description.ShouldContain("at or above 0.6 m");
    }

    [Fact]
    public void Registration_resolves_the_grid_and_the_kinds_agency_office_and_takes_the_kinds_defaults()
    {
        var registrar = new SensorRegistrar(Riverton.Value, Riverton.Value.Sensors);
        var sensor = registrar.Resolve(new SensorRegistration("new-1", SensorKind.WaterLevel, 121.4399, 31.2199));
        (sensor.GridCode[..15], sensor.DepartmentCode, sensor.ReportingInterval).ShouldBe(("rt.2.02.harbour", "rt.2.water", TimeSpan.FromMinutes(5)));
        sensor.Rules.Select(r => r.Code).ShouldBe(["high", "surge", "offline"]);
        sensor.OfflineAfter.ShouldBe(TimeSpan.FromMinutes(15));
        Should.Throw<SensorRegistrationException>(() => registrar.Resolve(new SensorRegistration("new 2", SensorKind.Smoke, 0, 0))).Errors.Count.ShouldBe(5); // id, place, owner, interval, rules: Riverton has no smoke defaults
    }
}
