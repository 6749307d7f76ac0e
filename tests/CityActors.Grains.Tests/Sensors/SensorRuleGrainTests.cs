using CityActors.Domain.Cases;
using CityActors.Domain.Sensors;
using static CityActors.Grains.Tests.CaseSilo;

namespace CityActors.Grains.Tests.Sensors;

public sealed class SensorRuleGrainTests
{
    private static readonly DateTimeOffset Start = At(11, 16, 10);

    private static TimeSpan Min(double minutes) => TimeSpan.FromMinutes(minutes);

    [Fact]
    public async Task A_threshold_held_for_its_minimum_duration_opens_one_case_that_records_the_readings_and_the_recovery()
    {
        await using var silo = await StartAsync(Start);
        await silo.RegisterAsync("wl-1");

        (await silo.ReadAtAsync("wl-1", Min(0), 0.5, Start)).ShouldBe(ReadingVerdict.Accepted);
        await silo.ReadAtAsync("wl-1", Min(1), 1.1, Start);
        await silo.ReadAtAsync("wl-1", Min(2), 0.95, Start); // below the trigger before the minimum duration: debounced
        await silo.ReadAtAsync("wl-1", Min(3), 1.1, Start);
        await silo.ReadAtAsync("wl-1", Min(4), 1.2, Start);
        (await Should.ThrowAsync<CaseCommandException>(() => silo.Case("iot-wl-1.high.1").Get())).Kind.ShouldBe(CaseErrorKind.NotFound);

        await silo.ReadAtAsync("wl-1", Min(5), 1.3, Start); // 2 minutes at or above 1.0 since minute 3
        var opened = await silo.Case("iot-wl-1.high.1").Get();
        (opened.Channel, opened.MatterCode, opened.Status).ShouldBe((Channel.Sensor, "0101", CaseStatus.Verified));
        opened.Description.ShouldContain("since 2026-11-16 10:03:00 +08:00");

        await silo.ReadAtAsync("wl-1", Min(6), 0.9, Start); // between clear (0.8) and trigger: the condition lasts (hysteresis)
        await silo.ReadAtAsync("wl-1", Min(7), 1.4, Start);
        await silo.ReadAtAsync("wl-1", Min(8), 0.7, Start);

        var history = await silo.Case("iot-wl-1.high.1").GetHistory();
        history.OfType<SensorReadingsRecorded>().SelectMany(e => e.Readings).Select(r => r.Value).ShouldBe([0.9, 1.4]);
        history.OfType<SensorRecovered>().Single().RecoveredAt.ShouldBe(Start + Min(8));
        var view = await silo.Sensor("wl-1").Get();
        view.Conditions.Single(c => c.RuleCode == "high").ShouldBe(new ConditionView("high", ConditionPhase.Clear, null, 1, "iot-wl-1.high.1"));
        (view.ReadingsAccepted, view.LastValue).ShouldBe((9, 0.7));
    }

    [Fact]
    public async Task A_condition_back_while_its_case_is_open_goes_to_that_case_and_after_closure_opens_a_new_one()
    {
        await using var silo = await StartAsync(Start);
        await silo.RegisterAsync("wl-2", rules: [new ThresholdRule("high", "0101", ThresholdDirection.Above, 1.0, 0.8, TimeSpan.Zero)]);

        await silo.ReadAtAsync("wl-2", Min(0), 1.5, Start);
        await silo.ReadAtAsync("wl-2", Min(1), 0.5, Start);
        await silo.ReadAtAsync("wl-2", Min(2), 1.6, Start); // back while iot-wl-2.high.1 is open
        (await silo.Sensor("wl-2").Get()).Conditions.Single().ShouldBe(new ConditionView("high", ConditionPhase.Active, Start + Min(2), 2, "iot-wl-2.high.1"));
        var first = await silo.Case("iot-wl-2.high.1").Get();
        (first.SensorReadings, first.SensorRecoveredAt).ShouldBe((1, null));

        await silo.ReadAtAsync("wl-2", Min(3), 0.5, Start);
        await silo.CloseAsync("iot-wl-2.high.1");
        await silo.Projector.CatchUpAsync(); // the closed case leaves the duplicate index, or the next one is flagged as its duplicate
        await silo.ReadAtAsync("wl-2", Min(10), 1.7, Start);

        var second = await silo.Case("iot-wl-2.high.3").Get();
        second.Status.ShouldBe(CaseStatus.Verified);
        (await silo.Sensor("wl-2").Get()).Conditions.Single().CaseId.ShouldBe("iot-wl-2.high.3");
        (await silo.Case("iot-wl-2.high.1").Get()).Status.ShouldBe(CaseStatus.Closed);
    }

    [Fact]
    public async Task A_change_faster_than_the_rate_opens_a_case_and_a_steady_reading_ends_it()
    {
        await using var silo = await StartAsync(Start);
        await silo.RegisterAsync("wl-3");

        await silo.ReadAtAsync("wl-3", Min(0), 0.1, Start);
        await silo.ReadAtAsync("wl-3", Min(1), 0.4, Start); // 0.3 per minute: within 1
        await silo.ReadAtAsync("wl-3", Min(1.5), 0.95, Start); // 1.1 per minute
        var surge = await silo.Case("iot-wl-3.surge.1").Get();
        surge.Description.ShouldContain("faster than 1 per minute");
        await silo.ReadAtAsync("wl-3", Min(2.5), 0.96, Start);

        (await silo.Case("iot-wl-3.surge.1").GetHistory()).OfType<SensorRecovered>().Single().RecoveredAt.ShouldBe(Start + Min(2.5));
        (await silo.Sensor("wl-3").Get()).Conditions.Single(c => c.RuleCode == "surge").Phase.ShouldBe(ConditionPhase.Clear);
    }

    [Fact]
    public async Task A_silent_sensor_turns_offline_on_its_durable_deadline_with_one_case_and_recovers_when_it_reports()
    {
        await using var silo = await StartAsync(Start);
        await silo.RegisterAsync("wl-4");
        (await silo.Sensor("wl-4").Get()).Status.ShouldBe(SensorStatus.Pending);
        await silo.AdvanceAsync(Min(30));
        (await silo.Sensor("wl-4").Get()).Status.ShouldBe(SensorStatus.Pending); // never reported: not watched yet

        var first = silo.Clock.GetUtcNow();
        await silo.ReadAtAsync("wl-4", Min(0), 0.2, first);
        await silo.ReadAtAsync("wl-4", Min(2), 0.2, first); // after the deadline was set: it moves when it fires early
        await silo.AdvanceToAsync(first + Min(4.5));
        (await silo.Sensor("wl-4").Get()).Status.ShouldBe(SensorStatus.Online);

        await silo.AdvanceToAsync(first + Min(5));
        var offline = await silo.Sensor("wl-4").Get();
        offline.Status.ShouldBe(SensorStatus.Offline);
        var @case = await silo.Case("iot-wl-4.offline.1").Get();
        @case.Description.ShouldContain("is offline");
        await silo.AdvanceAsync(Min(30));
        (await silo.Sensor("wl-4").Get()).Conditions.Single(c => c.RuleCode == "offline").Occurrences.ShouldBe(1);

        await silo.ReadAtAsync("wl-4", Min(40), 0.3, first);
        (await silo.Sensor("wl-4").Get()).Status.ShouldBe(SensorStatus.Online);
        (await silo.Case("iot-wl-4.offline.1").GetHistory()).OfType<SensorRecovered>().Single().Meta.Reason!.ShouldContain("reporting again");
    }
}
