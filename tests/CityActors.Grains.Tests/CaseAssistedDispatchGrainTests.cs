using CityActors.Assist.Cases;
using CityActors.Assist.Models;
using CityActors.Domain.Cases;
using CityActors.Grains.Cases;
using CityActors.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.Grains.Tests;

/// <summary>
/// 智能派遣 through the real case grain: Riverton with the shipped Boston model mapped onto its catalogue. A pothole
/// (0301, owned by two agencies, so the catalogue leaves it to the centre) is dispatched on acceptance to the municipal
/// office the model points to, journaled with the model version and confidence; the office's return undoes it.
/// </summary>
public sealed class CaseAssistedDispatchGrainTests
{
    private static readonly Actor Operator = new("op", Role.CentreOperator, "rt.1.01");

    /// <summary>The shipped model, loaded once for the grain tests that use it.</summary>
    internal static readonly Lazy<AssistModel> ShippedModel = new(() => AssistModel.Load(Path.Combine(RepositoryFiles.Root, "silo", "CityActors.Silo", "assist", "boston-2011")));

    private static CaseAssistance Assistance() => new(new CaseAssistant(
        ShippedModel.Value,
        new AssistPackage(
            "../boston-2011",
            new Dictionary<string, string> { ["Request for Pothole Repair"] = "0301", ["Roadway Repair"] = "0301", ["Illegal Dumping"] = "0501" },
            new Dictionary<string, string> { ["PWDx"] = "MUNICIPAL", ["BTDT"] = "TRANSIT" },
            new Dictionary<string, string> { ["Hotline"] = "Constituent Call" }),
        CaseSilo.Riverton.Value));

    private static async Task<string> AcceptedPotholeAsync(CaseSilo silo, string externalId, string description)
    {
        var id = Channels.CaseIdFor(Channel.Hotline, externalId);
        await silo.Case(id).Execute(new ReportCase(CaseSilo.Hotline, new CaseReport(Channel.Hotline, externalId, "0301", description, CaseSilo.SouthBank)));
        await silo.Case(id).Execute(new VerifyCase(Operator));
        await silo.Case(id).Execute(new AcceptCase(Operator));
        return id;
    }

    [Fact]
    public async Task A_confident_suggestion_dispatches_on_acceptance_and_a_return_undoes_it()
    {
        await using var silo = await CaseSilo.StartAsync(CaseSilo.At(11, 16, 10), services: s => s.AddSingleton(Assistance()));

        var id = await AcceptedPotholeAsync(silo, "pothole-1", "Pothole in the road outside number 12, deep");

        var view = await silo.Case(id).Get();
        view.Status.ShouldBe(CaseStatus.Dispatched);
        view.DispatchedTo.ShouldBe(["rt.1.municipal"]);
        var history = await silo.Case(id).GetHistory();
        var auto = history.OfType<CaseAutoDispatched>().ShouldHaveSingleItem();
        (auto.Lead, auto.ModelVersion).ShouldBe(("rt.1.municipal", "boston-20111101-f0a1c1ab43db-s20111101"));
        auto.Confidence.ShouldBeGreaterThanOrEqualTo(auto.Threshold);
        auto.Threshold.ShouldBe(Assistance().Assistant!.Model.Manifest.DepartmentGateThreshold!.Value);
        auto.Meta.By.ShouldBe(Actor.Assistant);
        history.OfType<CaseDispatched>().ShouldHaveSingleItem().Manual.ShouldBeFalse();

        await silo.Case(id).Execute(new ReturnCase(new Actor("clerk", Role.DepartmentClerk, "rt.1.municipal"), "rt.1.municipal", "the transit company's track bed"));

        (await silo.Case(id).Get()).Status.ShouldBe(CaseStatus.Accepted);
        (await silo.QueueAsync(silo.Centre("rt.1.01"), WorkQueue.AwaitingDispatch)).ShouldContain(id);
    }

    [Fact]
    public async Task Intake_journals_the_model_s_expected_resolution_time_with_the_report()
    {
        await using var silo = await CaseSilo.StartAsync(CaseSilo.At(11, 16, 10), services: s => s.AddSingleton(Assistance()));
        var id = Channels.CaseIdFor(Channel.Hotline, "pothole-4");

        var view = await silo.Case(id).Execute(new ReportCase(CaseSilo.Hotline, new CaseReport(Channel.Hotline, "pothole-4", "0301", "Pothole in the road", CaseSilo.SouthBank)));

        var expected = (await silo.Case(id).GetHistory()).OfType<ResolutionExpected>().ShouldHaveSingleItem();
        expected.ModelVersion.ShouldBe("boston-20111101-f0a1c1ab43db-s20111101");
        expected.Hours.ShouldBeGreaterThan(0);
        expected.ExpectedAt.ShouldBe(CaseSilo.At(11, 16, 10) + TimeSpan.FromHours(expected.Hours));
        view.ExpectedResolutionAt.ShouldBe(expected.ExpectedAt);
    }

    [Fact]
    public async Task Without_an_assistant_the_case_waits_for_the_centre()
    {
        await using var silo = await CaseSilo.StartAsync(CaseSilo.At(11, 16, 10));

        var id = await AcceptedPotholeAsync(silo, "pothole-2", "Pothole in the road outside number 12, deep");

        (await silo.Case(id).Get()).Status.ShouldBe(CaseStatus.Accepted);
        (await silo.Case(id).GetHistory()).OfType<CaseAutoDispatched>().ShouldBeEmpty();
        (await silo.Case(id).GetHistory()).OfType<ResolutionExpected>().ShouldBeEmpty();
        (await silo.Case(id).Get()).ExpectedResolutionAt.ShouldBeNull();
    }

    [Fact]
    public async Task The_public_case_interface_refuses_an_automatic_dispatch()
    {
        await using var silo = await CaseSilo.StartAsync(CaseSilo.At(11, 16, 10));
        var id = await AcceptedPotholeAsync(silo, "pothole-3", "Pothole");

        var ex = await Should.ThrowAsync<CaseCommandException>(() => silo.Case(id).Execute(new AutoDispatchCase(Actor.Assistant, "rt.1.municipal", "forged", 1, 0.5)));

        ex.Kind.ShouldBe(CaseErrorKind.Forbidden);
    }
}
