using CityActors.Assist.Similar;
using CityActors.Domain.Cases;

namespace CityActors.Assist.Tests;

/// <summary>
/// Ranking the city's own closed cases for "how were cases like this resolved", without a silo: the score is
/// SimilarCaseIndex's (half word overlap, half nearness), and only closed cases of the same matter other than the case
/// itself are ever answered.
/// </summary>
public sealed class ClosedCaseRankerTests
{
    private const double Lat = 40.75;
    private const double Lon = -73.99;
    private const double MetresPerDegreeLongitude = 84_300; // at 40.75° north

    private static readonly DateTimeOffset Reported = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    private static readonly CaseView Target = Case("target", "0301", "pothole on the bus lane", 0, CaseStatus.Verified);

    [Fact]
    public void Word_overlap_and_nearness_count_half_each()
    {
        var sameWordsFar = Case("same-words-2km", "0301", "pothole on the bus lane", 2000);
        var otherWordsHere = Case("other-words-here", "0301", "cracked kerb", 0);
        var someWordsNear = Case("some-words-300m", "0301", "deep pothole bus stop", 300);

        var ranked = ClosedCaseRanker.Rank(Target, [otherWordsHere, sameWordsFar, someWordsNear], 10);

        // 0.5·1 + 0.5·e^−2 = 0.568; 0.5·2/7 + 0.5·e^−0.3 = 0.513; 0.5·0 + 0.5·1 = 0.5.
        ranked.Select(r => r.Case.Id).ShouldBe(["same-words-2km", "some-words-300m", "other-words-here"]);
        ranked[0].Score.ShouldBe(0.5 + 0.5 * Math.Exp(-2), 0.002);
        ranked[1].Score.ShouldBe(0.5 * 2 / 7 + 0.5 * Math.Exp(-0.3), 0.002);
        ranked[2].Score.ShouldBe(0.5, 1e-9);
        ranked[0].Meters!.Value.ShouldBe(2000, 20);
        ranked[2].Meters!.Value.ShouldBe(0, 1e-6);
    }

    [Fact]
    public void The_case_itself_other_matters_and_cases_not_closed_are_never_answered()
    {
        var closedSelf = Case("target", "0301", "pothole on the bus lane", 0);
        var otherMatter = Case("other-matter", "0501", "pothole on the bus lane", 0);
        var stillOpen = Case("open", "0301", "pothole on the bus lane", 0, CaseStatus.Handled);
        var rejected = Case("rejected", "0301", "pothole on the bus lane", 0, CaseStatus.Rejected);
        var kept = Case("kept", "0301", "cracked kerb", 4000);

        ClosedCaseRanker.Rank(Target, [closedSelf, otherMatter, stillOpen, rejected, kept], 10).Select(r => r.Case.Id).ShouldBe(["kept"]);
    }

    [Fact]
    public void The_limit_cuts_the_list_and_ties_go_to_the_latest_closure_then_the_id()
    {
        var older = Case("b-older", "0301", "cracked kerb", 500, closedAfterHours: 5);
        var newerB = Case("b-newer", "0301", "cracked kerb", 500, closedAfterHours: 9);
        var newerA = Case("a-newer", "0301", "cracked kerb", 500, closedAfterHours: 9);

        ClosedCaseRanker.Rank(Target, [older, newerB, newerA], 10).Select(r => r.Case.Id).ShouldBe(["a-newer", "b-newer", "b-older"]);
        ClosedCaseRanker.Rank(Target, [older, newerB, newerA], 2).Select(r => r.Case.Id).ShouldBe(["a-newer", "b-newer"]);
        ClosedCaseRanker.Rank(Target, [older, newerB, newerA], 0).ShouldBeEmpty();
    }

    [Fact]
    public void A_case_reported_by_address_is_matched_on_its_words_alone_and_has_no_distance()
    {
        var byAddress = Case("target", "0301", "pothole on the bus lane", 0, CaseStatus.Verified, located: false);
        ClosedCaseRanker.CandidateBox(byAddress.Place).ShouldBeNull();

        var ranked = ClosedCaseRanker.Rank(byAddress, [Case("a", "0301", "pothole bus lane", 0), Case("b", "0301", "cracked kerb", 0)], 10);

        ranked.Select(r => (r.Case.Id, r.Meters)).ShouldBe([("a", (double?)null), ("b", null)]);
        ranked[0].Score.ShouldBe(0.5 * 3 / 5, 1e-9);
        ranked[1].Score.ShouldBe(0);
    }

    [Fact]
    public void The_candidate_box_reaches_the_radius_in_every_direction()
    {
        var box = ClosedCaseRanker.CandidateBox(Target.Place)!;

        ((box.MaxLatitude - Lat) * 111_320).ShouldBe(ClosedCaseRanker.RadiusMeters, 1);
        ((Lat - box.MinLatitude) * 111_320).ShouldBe(ClosedCaseRanker.RadiusMeters, 1);
        ((box.MaxLongitude - Lon) * MetresPerDegreeLongitude).ShouldBe(ClosedCaseRanker.RadiusMeters, 30);
        ((Lon - box.MinLongitude) * MetresPerDegreeLongitude).ShouldBe(ClosedCaseRanker.RadiusMeters, 30);
    }

    [Fact]
    public void Closure_is_the_handling_feedback_then_the_inspection_note_and_hours_run_from_report_to_closure()
    {
        var both = Case("both", "0301", "x", 0, closedAfterHours: 26.5, feedback: "Filled with hot asphalt ", note: "checked on site");
        var feedbackOnly = Case("feedback", "0301", "x", 0, feedback: "Filled", note: " ");

        ClosedCaseRanker.Closure(both).ShouldBe("Filled with hot asphalt — checked on site");
        ClosedCaseRanker.Closure(feedbackOnly).ShouldBe("Filled");
        ClosedCaseRanker.HandlingHours(both).ShouldBe(26.5, 1e-9);
        Should.Throw<ArgumentException>(() => ClosedCaseRanker.HandlingHours(Target)).Message.ShouldStartWith("Case target is not closed.");
    }

    private static CaseView Case(
        string id, string matter, string description, double metresEast, CaseStatus status = CaseStatus.Closed,
        double closedAfterHours = 10, string? feedback = "done", string? note = null, bool located = true)
    {
        var longitude = located ? Lon + (metresEast / MetresPerDegreeLongitude) : (double?)null;
        var state = new CaseState
        {
            Id = id,
            Status = status,
            Report = new CaseReport(Channel.Hotline, id, matter, description, new ReportedLocation(longitude, located ? Lat : null, "1 Main St")),
            Place = new CasePlace("g", "c", "s", "d", longitude, located ? Lat : null, "1 Main St"),
            ReportedAt = Reported,
            ClosedAt = status is CaseStatus.Closed or CaseStatus.Rejected ? Reported.AddHours(closedAfterHours) : null,
            HandlingFeedback = status == CaseStatus.Closed ? feedback : null,
            ClosingNote = status == CaseStatus.Closed ? note : null,
        };
        return CaseView.From(state);
    }
}
