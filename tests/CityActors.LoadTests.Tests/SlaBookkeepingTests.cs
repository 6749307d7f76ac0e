using CityActors.Domain.Cases;
using CityActors.Domain.Matters;
using CityActors.LoadTests.Replay.Lifecycle;
using CityActors.LoadTests.Replay.Sources;

namespace CityActors.LoadTests.Tests;

public sealed class SlaBookkeepingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly Actor System = new("clock", Role.System);

    [Fact]
    public void A_clock_that_ran_past_its_warning_point_without_a_warning_is_a_missed_point()
    {
        var audit = new ClockAudit();
        audit.Add([Started("verify", warnAfter: 8, dueAfter: 10), Stopped("verify", at: 9)], T0.AddHours(1));
        audit.Add([Started("verify", warnAfter: 8, dueAfter: 10), Event(new TimerWarned(Meta(8), "verify")), Stopped("verify", at: 9)], T0.AddHours(1));
        audit.Add([Started("verify", warnAfter: 8, dueAfter: 10), Event(new TimerWarned(Meta(8), "verify")), Stopped("verify", at: 7)], T0.AddHours(1));

        var verify = audit.Stages["verify"];
        (verify.Runs, verify.Warned, verify.Overdue, verify.Missed, verify.Spurious).ShouldBe((3L, 2L, 0L, 1L, 1L));
    }

    [Fact]
    public void Stops_within_the_tolerance_of_a_point_widen_the_expected_range()
    {
        var limit = TimeSpan.FromSeconds(10);
        CaseLedger Case(double delaySeconds) => new(new CasePlan(
            new CaseArrival(TimeSpan.Zero, Channel.Hotline, "x", "NYC001", "nyc.1.101", 0, 0), "d",
            [new PlannedStep(TimeSpan.Zero, StepKind.Report)],
            [new PlannedClock("verify", TimeSpan.FromSeconds(delaySeconds), limit, limit * 0.8, limit * 3)]));

        var verify = SlaExpectation.Of([Case(2), Case(7.95), Case(9), Case(10.02), Case(12)], TimeSpan.FromSeconds(0.1))["verify"];

        verify.Runs.ShouldBe(5);
        verify.Warned.ToString().ShouldBe("3–4");
        verify.Overdue.ToString().ShouldBe("1–2");
        verify.Overdue.Admits(1).ShouldBeTrue();
        verify.Overdue.Admits(3).ShouldBeFalse();
    }

    private static CaseEvent Started(string key, double warnAfter, double dueAfter) => new TimerStarted(Meta(0), new SlaTimer(
        key, CaseStage.Verify, new WorkOwner(OwnerKind.Centre, "nyc.1.101"), T0, CityActors.Domain.Calendar.TimeLimit.NaturalMinutes(1), TimeSpan.Zero, T0.AddSeconds(warnAfter), T0.AddSeconds(dueAfter)));

    private static CaseEvent Stopped(string key, double at) => new TimerStopped(Meta(at), key);

    private static CaseEvent Event(CaseEvent e) => e;

    private static EventMeta Meta(double seconds) => new(T0.AddSeconds(seconds), System);
}
