using CityActors.Assist.Cases;
using CityActors.Assist.Models;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;
using CityActors.Grains.Cases;
using CityActors.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.Grains.Tests;

/// <summary>
/// Intake with the city's model through the real case grain on Orleans' test cluster (Riverton with the shipped Boston
/// model mapped onto its catalogue): the report's answer carries the model's suggestions, the model's duplicate scorer
/// decides the duplicate flag from what the duplicate tiles hold (journaled with score and model version), and a
/// failing model never fails intake.
/// </summary>
public sealed class IntakeAssistGrainTests
{
    private static readonly ReportedLocation School = ReportedLocation.At(121.405, 31.205);

    private static AssistModel Model => CaseAssistedDispatchGrainTests.ShippedModel.Value;

    private static CaseAssistance Assistance(IReadOnlyDictionary<string, string>? matters = null) => new(new CaseAssistant(
        Model,
        new AssistPackage(
            "../boston-2011",
            matters ?? new Dictionary<string, string> { ["Request for Pothole Repair"] = "0301", ["Illegal Dumping"] = "0501", ["Graffiti Removal"] = "0601" },
            new Dictionary<string, string> { ["PWDx"] = "MUNICIPAL" },
            new Dictionary<string, string> { ["Hotline"] = "Constituent Call" }),
        CaseSilo.Riverton.Value));

    private static ReportCase Report(string externalId, string matter, string description, ReportedLocation where) =>
        new(CaseSilo.Hotline, new CaseReport(Channel.Hotline, externalId, matter, description, where));

    /// <summary>A point <paramref name="meters"/> east of the school.</summary>
    private static ReportedLocation East(double meters) => ReportedLocation.At(121.405 + (meters / (111_320 * Math.Cos(31.205 * Math.PI / 180))), 31.205);

    [Fact]
    public async Task Intake_answers_the_case_with_the_suggestions_whose_expected_time_it_journaled()
    {
        await using var silo = await CaseSilo.StartAsync(CaseSilo.At(11, 16, 10), services: s => s.AddSingleton(Assistance()));

        var filed = await silo.Case("hl-s-1").Report(Report("s-1", "0301", "Pothole in the road outside number 12, deep", School));

        (filed.Case.Id, filed.Case.Status).ShouldBe(("hl-s-1", CaseStatus.Reported));
        var suggestions = filed.Suggestions.ShouldNotBeNull();
        (suggestions.ModelVersion, suggestions.Matters[0].Code).ShouldBe((Model.Version, "0301"));
        suggestions.ExpectedAt.ShouldBe(filed.Case.ExpectedResolutionAt);
        (await silo.Case("hl-s-1").GetHistory()).OfType<ResolutionExpected>().ShouldHaveSingleItem().ExpectedAt.ShouldBe(suggestions.ExpectedAt!.Value);

        var again = await silo.Case("hl-s-1").Report(Report("s-1", "0301", "Pothole in the road outside number 12, deep", School));
        again.Case.Version.ShouldBe(filed.Case.Version);
        again.Suggestions.ShouldBeEquivalentTo(suggestions);
    }

    [Fact]
    public async Task The_same_graffiti_reported_again_is_flagged_by_the_model_with_its_score_even_after_the_tiles_are_rebuilt()
    {
        await using var silo = await CaseSilo.StartAsync(CaseSilo.At(11, 16, 10), services: s => s.AddSingleton(Assistance()));
        var first = (await silo.Case("hl-g-1").Execute(Report("g-1", "0601", "Graffiti on the wall of the school", School))).Id;
        await silo.AdvanceAsync(TimeSpan.FromMinutes(6));

        var second = await silo.Case("hl-g-2").Execute(Report("g-2", "0601", "Graffiti on the wall of the school", East(3)));

        second.DuplicateCandidates.ShouldBe([first]);
        var history = await silo.Case(second.Id).GetHistory();
        history.Select(e => e.GetType().Name).Take(3).ShouldBe(["CaseReported", "DuplicateScored", "DuplicatesFlagged"]);
        var scored = history.OfType<DuplicateScored>().Single().Assessment;
        (scored.CandidateId, scored.ModelVersion, scored.Threshold).ShouldBe((first, Model.Version, Model.Manifest.DuplicateThreshold));
        scored.Score.ShouldBeGreaterThanOrEqualTo(scored.Threshold);
        scored.Meters.ShouldBe(3, tolerance: 0.5);
        scored.Hours.ShouldBe(0.1);
        second.DuplicateScore.ShouldBe(scored);

        // Tiles forget what they held when they deactivate and rebuild it from the read model, descriptions included.
        await silo.Projector.CatchUpAsync();
        await silo.CollectIdleActivationsAsync();
        var third = await silo.Case("hl-g-3").Execute(Report("g-3", "0601", "Graffiti on the wall of the school", School));
        third.DuplicateCandidates.ShouldBe([first]);
        third.DuplicateScore!.TextSimilarity.ShouldBe(1);
    }

    [Fact]
    public async Task A_pothole_the_rule_would_flag_is_not_flagged_when_the_model_scores_it_below_its_threshold()
    {
        await using var silo = await CaseSilo.StartAsync(CaseSilo.At(11, 16, 10), services: s => s.AddSingleton(Assistance()));
        var first = (await silo.Case("hl-p-1").Execute(Report("p-1", "0301", "cracks", School))).Id;
        await silo.AdvanceAsync(TimeSpan.FromHours(20));

        // 40 m and 20 h apart: within intake rule's 50 m and 24 h.
        var second = await silo.Case("hl-p-2").Execute(Report("p-2", "0301", "Pothole in the road outside number 12, deep", East(40)));

        second.DuplicateCandidates.ShouldBeEmpty();
        var scored = (await silo.Case(second.Id).GetHistory()).OfType<DuplicateScored>().Single().Assessment;
        scored.CandidateId.ShouldBe(first);
        scored.Score.ShouldBeLessThan(scored.Threshold);
        (await silo.Case(second.Id).GetHistory()).OfType<DuplicatesFlagged>().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_matter_the_model_knows_no_type_of_keeps_intake_s_rule()
    {
        await using var silo = await CaseSilo.StartAsync(CaseSilo.At(11, 16, 10), services: s => s.AddSingleton(Assistance()));
        var first = (await silo.Case("hl-w-1").Execute(Report("w-1", "0901", "water standing in the street", School))).Id;

        var second = await silo.Case("hl-w-2").Execute(Report("w-2", "0901", "flooded road", East(10)));

        second.DuplicateCandidates.ShouldBe([first]);
        second.DuplicateScore.ShouldBeNull();
        (await silo.Case(second.Id).GetHistory()).OfType<DuplicateScored>().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_failing_model_never_fails_intake_and_the_rule_flags_duplicates()
    {
        // Every type mapped to a matter Riverton lacks (a package no loader would accept): every suggestion throws.
        var broken = Assistance(Model.Types.ToDictionary(t => t, _ => "9999"));
        await using var silo = await CaseSilo.StartAsync(CaseSilo.At(11, 16, 10), services: s => s.AddSingleton(broken));

        var first = await silo.Case("hl-b-1").Report(Report("b-1", "0501", "rubbish dumped by the gate", School));
        var second = await silo.Case("hl-b-2").Report(Report("b-2", "0501", "rubbish dumped by the gate", East(10)));

        (first.Case.Status, first.Suggestions, first.Case.ExpectedResolutionAt).ShouldBe((CaseStatus.Reported, null, null));
        second.Suggestions.ShouldBeNull();
        second.Case.DuplicateCandidates.ShouldBe([first.Case.Id]);
        (await silo.Case(second.Case.Id).GetHistory()).OfType<DuplicateScored>().ShouldBeEmpty();
    }

    [Fact]
    public async Task Without_a_model_intake_answers_no_suggestions()
    {
        await using var silo = await CaseSilo.StartAsync(CaseSilo.At(11, 16, 10));

        var filed = await silo.Case("hl-n-1").Report(Report("n-1", "0301", "Pothole", School));

        (filed.Case.Status, filed.Suggestions).ShouldBe((CaseStatus.Reported, null));
    }
}
