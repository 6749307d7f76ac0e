using CityActors.Domain.Cases;
using static CityActors.Domain.Tests.Cases.CaseBook;

namespace CityActors.Domain.Tests.Cases;

/// <summary>
/// A learned duplicate assessment at intake decides the flag in place of the rule's list: journaled with its score,
/// threshold and model version whether or not it flags, and a flagged case from an auto-verified channel waits for a
/// person.
/// </summary>
public sealed class LearnedDuplicateDecisionTests
{
    private static readonly Actor VideoPlatform = new("video-ai", Role.ChannelSystem, nameof(Channel.VideoAi));

    private static DuplicateAssessment Scored(double score) => new("vai-earlier", score, 0.25, "model-1", 12.5, 3, 0.6, 1, 0);

    private static (IReadOnlyList<CaseEvent> Events, CaseState After) Decide(Intake intake)
    {
        var book = new CaseBook();
        var report = new CaseReport(Channel.VideoAi, "later", "0501", "rubbish bags piled by the gate", SouthBank);
        var events = book.Decider.Decide("vai-later", new CaseState(), new ReportCase(VideoPlatform, report), At(11, 16, 10), intake, out var after);
        return (events, after);
    }

    [Fact]
    public void A_score_at_the_threshold_flags_the_candidate_and_keeps_the_case_for_a_person()
    {
        var (events, after) = Decide(new Intake(null, null, null, Scored(0.25)));

        events.Select(e => e.GetType().Name).Take(3).ShouldBe(["CaseReported", "DuplicateScored", "DuplicatesFlagged"]);
        events.OfType<DuplicateScored>().Single().Assessment.ShouldBe(Scored(0.25));
        events.OfType<DuplicatesFlagged>().Single().CaseIds.ShouldBe(["vai-earlier"]);
        events.OfType<CaseVerified>().ShouldBeEmpty();
        after.Status.ShouldBe(CaseStatus.Reported);
        var view = CaseView.From(after);
        view.DuplicateCandidates.ShouldBe(["vai-earlier"]);
        view.DuplicateScore.ShouldBe(Scored(0.25));
    }

    [Fact]
    public void A_score_below_the_threshold_is_journaled_but_flags_nothing_whatever_the_rule_found()
    {
        var (events, after) = Decide(new Intake(["vai-rule-match"], null, null, Scored(0.2499)));

        events.OfType<DuplicateScored>().Single().Assessment.Score.ShouldBe(0.2499);
        events.OfType<DuplicatesFlagged>().ShouldBeEmpty();
        after.Status.ShouldBe(CaseStatus.Verified, "a video-AI report no model flags is verified on intake");
        CaseView.From(after).DuplicateCandidates.ShouldBeEmpty();
    }

    [Fact]
    public void Without_an_assessment_the_rule_s_list_flags_as_before()
    {
        var (events, after) = Decide(new Intake(["vai-rule-match"], null));

        events.OfType<DuplicateScored>().ShouldBeEmpty();
        events.OfType<DuplicatesFlagged>().Single().CaseIds.ShouldBe(["vai-rule-match"]);
        after.Status.ShouldBe(CaseStatus.Reported);
        after.DuplicateScore.ShouldBeNull();
    }

    [Fact]
    public void The_index_gives_every_open_case_within_the_radius_and_window_with_its_distance_and_text()
    {
        var index = new DuplicateIndex();
        index.Add(new OpenCaseMark("a", "0501", 100, 100, At(11, 16, 9), "bags by the gate"));
        index.Add(new OpenCaseMark("b", "0101", 100, 400, At(11, 16, 8), "lamp out"));
        index.Add(new OpenCaseMark("c", "0501", 100, 450, At(11, 16, 9), "too far"));
        index.Add(new OpenCaseMark("d", "0501", 110, 100, At(11, 12, 9), "too old"));

        var found = index.CandidatesNear(100, 100, 300, At(11, 13, 10));

        found.ShouldBe(
        [
            new DuplicateCandidate("b", "0101", 300, At(11, 16, 8), "lamp out"),
            new DuplicateCandidate("a", "0501", 0, At(11, 16, 9), "bags by the gate"),
        ]);
    }

    [Fact]
    public void A_mark_keeps_the_start_of_a_long_description()
    {
        OpenCaseMark.TextOf(new string('x', 4000)).Length.ShouldBe(OpenCaseMark.MaxTextLength);
        OpenCaseMark.TextOf("short").ShouldBe("short");
        OpenCaseMark.TextOf(null).ShouldBe("");
    }
}
