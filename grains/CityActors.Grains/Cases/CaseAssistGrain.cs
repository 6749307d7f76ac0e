using CityActors.Assist.Cases;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;
using Orleans.Concurrency;

namespace CityActors.Grains.Cases;

/// <summary>Serves the city's model on the silo that received the call: inference is in process and takes microseconds.</summary>
[StatelessWorker]
public sealed class CaseAssistGrain(CaseAssistance assistance, CaseDecider decider) : Grain, ICaseAssistGrain
{
    public Task<CaseSuggestionView?> Suggest(CaseReport report, DateTimeOffset reportedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Task.FromResult(assistance.Assistant is { } assistant ? CaseSuggestionViews.Of(assistant.Suggest(report, decider.Locate(report.Location), reportedAt)) : null);
    }

    public Task<CaseSuggestionView?> SuggestFor(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var report = new CaseReport(view.Channel, view.ExternalId, view.MatterCode, view.Description, new ReportedLocation(view.Place.Longitude, view.Place.Latitude, view.Place.Address));
        return Task.FromResult(assistance.Assistant is { } assistant ? CaseSuggestionViews.Of(assistant.Suggest(report, view.Place, view.ReportedAt)) : null);
    }
}
