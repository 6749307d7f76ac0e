using CityActors.Domain.Cases;
using static CityActors.Domain.Tests.Cases.CaseBook;

namespace CityActors.Domain.Tests.Cases;

/// <summary>A model's expected resolution time travels with the report into the journal, in the same decision.</summary>
public sealed class CaseResolutionEstimateTests
{
    [Fact]
    public void The_estimate_is_journaled_with_the_report_and_shown_on_the_case()
    {
        var book = new CaseBook();
        var report = new CaseReport(Channel.Hotline, "est-1", "0301", "pothole", SouthBank);
        var estimate = new ResolutionEstimate(At(11, 17, 16), 30, "model-1");

        var events = book.Decider.Decide("hl-est-1", new CaseState(), new ReportCase(Hotline, report), At(11, 16, 10), new Intake(null, null, estimate), out var after);

        var expected = events.OfType<ResolutionExpected>().ShouldHaveSingleItem();
        (expected.ExpectedAt, expected.Hours, expected.ModelVersion).ShouldBe((At(11, 17, 16), 30.0, "model-1"));
        events[0].ShouldBeOfType<CaseReported>();
        after.ExpectedResolutionAt.ShouldBe(At(11, 17, 16));
        CaseView.From(after).ExpectedResolutionAt.ShouldBe(At(11, 17, 16));
    }

    [Fact]
    public void Without_an_estimate_nothing_is_expected()
    {
        var book = new CaseBook();

        var id = book.Report("est-2", "0301", SouthBank, At(11, 16, 10));

        book.Journals[id].OfType<ResolutionExpected>().ShouldBeEmpty();
        CaseView.From(book[id]).ExpectedResolutionAt.ShouldBeNull();
    }
}
