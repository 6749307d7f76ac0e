using CityActors.Assist.Cases;
using CityActors.Domain.Cases;

namespace CityActors.Assist.Tests;

public sealed class CaseAssistantTests
{
    private static readonly DateTimeOffset ReportedAt = new(2026, 11, 16, 10, 0, 0, TimeSpan.FromHours(8));

    private static CasePlace SouthBank => new CaseDecider(RivertonAssist.City.Value, CaseRules.Default).Locate(ReportedLocation.At(121.405, 31.205));

    [Fact]
    public void A_pothole_report_gets_the_road_matter_the_municipal_office_and_an_expected_time()
    {
        var report = new CaseReport(Channel.Hotline, "p-1", "0301", "Pothole in the road outside number 12, deep", ReportedLocation.At(121.405, 31.205));

        var suggestion = RivertonAssist.Assistant().Suggest(report, SouthBank, ReportedAt);

        suggestion.ModelVersion.ShouldBe("boston-20111101-f0a1c1ab43db-s20111101");
        suggestion.Matters[0].Code.ShouldBe("0301");
        suggestion.Matters.Count.ShouldBeLessThanOrEqualTo(3);
        suggestion.Matters.Select(m => m.Code).ShouldBeSubsetOf(["0301", "0501", "0601"]);
        suggestion.Dispatch.Catalogue.ShouldBe(["rt.1.municipal", "rt.transit"]);
        suggestion.Dispatch.History.ShouldBe("rt.1.municipal");
        suggestion.Dispatch.HistoryQueue!.ShouldStartWith("PWDx_");
        suggestion.Dispatch.Confidence!.Value.ShouldBeGreaterThanOrEqualTo(suggestion.Dispatch.Threshold);
        suggestion.Dispatch.Automatic.ShouldBeTrue();
        suggestion.ExpectedHours!.Value.ShouldBeGreaterThan(0);
        suggestion.ExpectedAt.ShouldBe(ReportedAt + TimeSpan.FromHours(suggestion.ExpectedHours.Value));
    }

    [Fact]
    public void A_matter_the_catalogue_dispatches_itself_is_never_automatic_for_the_assistant()
    {
        // Exposed rubbish at South Bank belongs to the street office: the catalogue dispatches it on acceptance.
        var report = new CaseReport(Channel.Hotline, "r-1", "0501", "illegal dumping of mattresses on the vacant lot", ReportedLocation.At(121.405, 31.205));

        var suggestion = RivertonAssist.Assistant().Suggest(report, SouthBank, ReportedAt);

        suggestion.Dispatch.Catalogue.ShouldBe(["rt.1.01.office"]);
        suggestion.Dispatch.Automatic.ShouldBeFalse();
    }

    [Fact]
    public void A_matter_no_history_type_maps_to_gets_the_catalogue_only()
    {
        var report = new CaseReport(Channel.Hotline, "w-1", "0901", "water standing in the street after the storm", ReportedLocation.At(121.405, 31.205));

        var suggestion = RivertonAssist.Assistant().Suggest(report, SouthBank, ReportedAt);

        (suggestion.Dispatch.History, suggestion.Dispatch.Confidence, suggestion.Dispatch.Automatic).ShouldBe((null, null, false));
        suggestion.ExpectedHours.ShouldBeNull();
        suggestion.ExpectedAt.ShouldBeNull();
    }

    [Fact]
    public void A_package_file_naming_what_the_city_lacks_is_refused_with_every_problem()
    {
        var directory = Directory.CreateTempSubdirectory("assist-package-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, AssistPackage.FileName),
                """{ "model": "../m", "matters": { "Roadway Repair": "0301", "Sign Repair": "9999" }, "departments": { "BTDT": "NOPE" } }""");

            var ex = Should.Throw<InvalidDataException>(() => AssistPackage.Load(directory.FullName, RivertonAssist.City.Value));

            ex.Message.ShouldBe($"{Path.Combine(directory.FullName, "assist.json")}: type 'Sign Repair' maps to matter '9999', which is not in catalogue rt-sample; " +
                "department 'BTDT' maps to agency 'NOPE', which has no department in city rt.");
            AssistPackage.Load(Path.GetTempPath() + "no-such-package", RivertonAssist.City.Value).ShouldBeNull();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
