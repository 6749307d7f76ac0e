using CityActors.Domain.Calendar;
using CityActors.Domain.Cases;
using CityActors.Domain.Emergencies;
using CityActors.Domain.Matters;
using CityActors.Domain.Tests.Cases;
using static CityActors.Domain.Tests.Cases.CaseBook;

namespace CityActors.Domain.Tests.Emergencies;

public sealed class EmergencyBoardTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 16, 12, 0, 0, TimeSpan.FromHours(8));
    private static readonly Actor StreetLeader = new("leader", Role.CentreLeader, "rt.1.01");
    private static readonly Actor CityLeader = new("chief", Role.CentreLeader, "rt");

    private static EmergencyBoard Board() => new(Riverton.Value, Riverton.Value.EmergencyProfiles);

    [Fact]
    public void A_centre_leader_switches_the_centres_area_and_the_most_local_centres_profile_applies()
    {
        var board = Board();
        board.SwitchOn(CityLeader, "rt.ops", "major-event", "Marathon", Now);
        board.SwitchOn(StreetLeader, "rt.1.01.ops", "flood", "Typhoon warning", Now.AddMinutes(5));

        board.At("rt.1.01.south")!.Profile.Code.ShouldBe("flood");
        board.At("rt.2.02.harbour")!.Profile.Code.ShouldBe("major-event");
        board.SwitchOff(StreetLeader, "rt.1.01.ops", "Warning lifted", Now.AddHours(3));
        board.At("rt.1.01.south")!.Profile.Code.ShouldBe("major-event");

        board.Journal.Select(j => (j.Sequence, j.CentreCode, j.ProfileCode, j.By.Id, j.Reason)).ShouldBe([
            (1L, "rt.ops", "major-event", "chief", "Marathon"),
            (2L, "rt.1.01.ops", "flood", "leader", "Typhoon warning"),
            (3L, "rt.1.01.ops", (string?)null, "leader", "Warning lifted"),
        ]);
        var replayed = EmergencyBoard.Replay(Riverton.Value, Riverton.Value.EmergencyProfiles, board.Journal);
        replayed.Active.Keys.ShouldBe(["rt.ops"]);
    }

    [Fact]
    public void Switches_by_others_without_reason_to_unknown_profiles_or_repeated_are_refused()
    {
        var board = Board();
        Kind(() => board.SwitchOn(new Actor("op", Role.CentreOperator, "rt.1.01"), "rt.1.01.ops", "flood", "r", Now)).ShouldBe(CaseErrorKind.Forbidden);
        Kind(() => board.SwitchOn(StreetLeader, "rt.2.02.ops", "flood", "r", Now)).ShouldBe(CaseErrorKind.Forbidden);
        Kind(() => board.SwitchOn(StreetLeader, "rt.1.01.ops", "flood", " ", Now)).ShouldBe(CaseErrorKind.Invalid);
        Kind(() => board.SwitchOn(StreetLeader, "rt.1.01.ops", "drought", "r", Now)).ShouldBe(CaseErrorKind.Invalid);
        Kind(() => board.SwitchOn(StreetLeader, "rt.9.ops", "flood", "r", Now)).ShouldBe(CaseErrorKind.NotFound);
        Kind(() => board.SwitchOff(StreetLeader, "rt.1.01.ops", "r", Now)).ShouldBe(CaseErrorKind.InvalidTransition);
        board.SwitchOn(StreetLeader, "rt.1.01.ops", "flood", "r", Now);
        Kind(() => board.SwitchOn(StreetLeader, "rt.1.01.ops", "flood", "r", Now)).ShouldBe(CaseErrorKind.InvalidTransition);
        board.Journal.Count.ShouldBe(1);
    }

    [Fact]
    public void A_case_reported_under_a_profile_keeps_its_limits_for_its_stages()
    {
        var book = new CaseBook();
        var board = Board();
        board.SwitchOn(StreetLeader, "rt.1.01.ops", "flood", "Typhoon", Now);
        var report = new ReportCase(new Actor("p", Role.ChannelSystem, "Sensor"), new CaseReport(Channel.Sensor, "s.high.1", "0901", "water", SouthBank));

        var events = book.Decider.Decide("iot-s.high.1", new CaseState(), report, Now, null, board.At("rt.1.01.south"));

        var reported = events.OfType<CaseReported>().Single();
        reported.Emergency!.ProfileCode.ShouldBe("flood");
        reported.Emergency.Limits[CaseStage.AcceptAndDispatch].ShouldBe(TimeLimit.NaturalMinutes(5));
        events.OfType<TimerStarted>().Single().Timer.DueAt.ShouldBe(Now.AddMinutes(5));
    }

    private static CaseErrorKind Kind(Action action) => Should.Throw<CaseCommandException>(action).Kind;
}
