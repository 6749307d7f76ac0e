using CityActors.Assist.Duplicates;
using CityActors.Assist.History;
using CityActors.Domain.Cases;

namespace CityActors.Assist.Tests;

/// <summary>
/// The model's duplicate scorer at intake: evidence gathered from the open cases the duplicate index holds is the
/// evidence the scorer learned from history, and the assessment names the nearest open case of the report's matter
/// with the model's score, threshold and version.
/// </summary>
public sealed class IntakeDuplicateTests
{
    private static readonly DateTimeOffset ReportedAt = new(2026, 11, 16, 10, 0, 0, TimeSpan.FromHours(8));

    private static CasePlace SouthBank => new CaseDecider(RivertonAssist.City.Value, CaseRules.Default).Locate(ReportedLocation.At(121.405, 31.205));

    private static CaseReport Graffiti(string externalId) => new(Channel.Hotline, externalId, "0601", "Graffiti on the wall of the school", ReportedLocation.At(121.405, 31.205));

    [Fact]
    public void Evidence_from_the_index_is_the_evidence_the_scorer_learned_from_history()
    {
        // Boston-like requests around one point: the same as open cases near a new report and as history before it.
        var opened = new DateTime(2011, 11, 16, 10, 0, 0);
        (string Id, string Type, double North, double Hours, string Title)[] earlier =
        [
            ("a", "Graffiti Removal", 0.00003, 2, "graffiti on the school wall"),
            ("b", "Graffiti Removal", 0.0006, 30, "tag on the bridge"),
            ("c", "Illegal Dumping", 0.0002, 1, "mattress dumped by the school"),
            ("d", "Graffiti Removal", 0.002, 5, "too far away"),
            ("e", "Graffiti Removal", 0.0001, 80, "too long ago"),
        ];
        var history = earlier.Select(e => Request(e.Id, e.Type, 42.35 + e.North, opened.AddHours(-e.Hours), e.Title))
            .Append(Request("new", "Graffiti Removal", 42.35, opened, "graffiti on the wall of the school")).ToList();
        var candidates = earlier.Select(e => new DuplicateCandidate(
            e.Id, e.Type, Geo.Meters(42.35, -71.06, 42.35 + e.North, -71.06), new DateTimeOffset(opened.AddHours(-e.Hours), TimeSpan.Zero), e.Title));

        var fromHistory = new DuplicateFinder(history).Evidence(history[^1]);
        var fromIndex = IntakeEvidence.From("Graffiti Removal", "Constituent Call", "new", "Graffiti Removal", "graffiti on the wall of the school", new DateTimeOffset(opened, TimeSpan.Zero), candidates);

        fromIndex.BestCandidateId.ShouldBe("a");
        fromIndex.OtherTypeNearby.ShouldBe(1);
        (fromIndex.SameTypeNearby, fromIndex.SameTypeMeters, fromIndex.SameTypeHours, fromIndex.SameTypeTextSimilarity, fromIndex.OtherTypeNearby, fromIndex.AnyMeters, fromIndex.AnyTextSimilarity, fromIndex.BestCandidateId, fromIndex.MatchesIntakeRule)
            .ShouldBe((fromHistory.SameTypeNearby, fromHistory.SameTypeMeters, fromHistory.SameTypeHours, fromHistory.SameTypeTextSimilarity, fromHistory.OtherTypeNearby, fromHistory.AnyMeters, fromHistory.AnyTextSimilarity, fromHistory.BestCandidateId, fromHistory.MatchesIntakeRule));
    }

    [Fact]
    public void The_same_graffiti_reported_again_beside_an_open_case_is_flagged_against_the_nearest_of_its_matter()
    {
        var assistant = RivertonAssist.Assistant();
        DuplicateCandidate[] candidates =
        [
            new("hl-rubbish", "0501", 1, ReportedAt.AddMinutes(-5), "Graffiti on the wall of the school"),
            new("hl-graffiti-far", "0601", 60, ReportedAt.AddHours(-2), "graffiti"),
            new("hl-graffiti", "0601", 3, ReportedAt.AddMinutes(-6), "Graffiti on the wall of the school"),
        ];

        var advice = assistant.AtIntake("hl-g-new", Graffiti("g-new"), SouthBank, ReportedAt, candidates);

        advice.JudgesDuplicates.ShouldBeTrue();
        advice.Suggestion.Matters[0].Code.ShouldBe("0601");
        var scored = advice.Duplicate.ShouldNotBeNull();
        (scored.CandidateId, scored.Meters, scored.Hours, scored.TextSimilarity) .ShouldBe(("hl-graffiti", 3.0, 0.1, 1.0));
        (scored.SameMatterNearby, scored.OtherMattersNearby).ShouldBe((2, 1));
        (scored.ModelVersion, scored.Threshold).ShouldBe((assistant.Model.Version, assistant.Model.Manifest.DuplicateThreshold));
        scored.Score.ShouldBeGreaterThanOrEqualTo(scored.Threshold);
        scored.IsDuplicate.ShouldBeTrue();
    }

    [Fact]
    public void A_pothole_near_an_open_one_that_intake_s_rule_would_flag_can_score_below_the_threshold()
    {
        // 40 m and 20 h away, other words: within the rule's 50 m and 24 h, yet unlike Boston's duplicates.
        var report = new CaseReport(Channel.Hotline, "p-new", "0301", "Pothole in the road outside number 12, deep", ReportedLocation.At(121.405, 31.205));

        var scored = RivertonAssist.Assistant().AtIntake("hl-p-new", report, SouthBank, ReportedAt, [new("hl-p-old", "0301", 40, ReportedAt.AddHours(-20), "cracks")]).Duplicate.ShouldNotBeNull();

        scored.CandidateId.ShouldBe("hl-p-old");
        scored.Score.ShouldBeLessThan(scored.Threshold);
        scored.IsDuplicate.ShouldBeFalse();
    }

    [Fact]
    public void Without_an_open_case_of_its_matter_near_there_is_nothing_to_flag()
    {
        var advice = RivertonAssist.Assistant().AtIntake("hl-g-1", Graffiti("g-1"), SouthBank, ReportedAt,
            [new("hl-rubbish", "0501", 1, ReportedAt.AddMinutes(-5), "rubbish"), new("hl-old", "0601", 2, ReportedAt.AddHours(-73), "graffiti"), new("hl-far", "0601", 301, ReportedAt.AddHours(-1), "graffiti")]);

        (advice.JudgesDuplicates, advice.Duplicate).ShouldBe((true, null));
    }

    [Fact]
    public void A_matter_the_model_knows_no_type_of_is_left_to_intake_s_rule()
    {
        var report = new CaseReport(Channel.Hotline, "w-1", "0901", "water standing in the street after the storm", ReportedLocation.At(121.405, 31.205));

        var advice = RivertonAssist.Assistant().AtIntake("hl-w-1", report, SouthBank, ReportedAt, [new("hl-w-0", "0901", 1, ReportedAt.AddMinutes(-5), "water standing in the street")]);

        (advice.JudgesDuplicates, advice.Duplicate).ShouldBe((false, null));
        RivertonAssist.Assistant().JudgesDuplicatesOf("0901").ShouldBeFalse();
        RivertonAssist.Assistant().JudgesDuplicatesOf("0601").ShouldBeTrue();
    }

    private static ServiceRequest Request(string id, string type, double latitude, DateTime opened, string title) =>
        new(id, opened, null, null, title, type, "Q", "D", "Constituent Call", "Area", latitude, -71.06, "");
}
