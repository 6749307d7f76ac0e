using CityActors.Assist.Cases;
using CityActors.GrainInterfaces.Cases;

namespace CityActors.Grains.Cases;

/// <summary>The assistant's suggestion in the shape the grain interfaces carry.</summary>
internal static class CaseSuggestionViews
{
    public static CaseSuggestionView Of(CaseSuggestion s) => new(
        s.ModelVersion,
        [.. s.Matters.Select(m => new MatterSuggestionView(m.Code, m.Name, m.Confidence))],
        new DispatchSuggestionView(s.Dispatch.Catalogue, s.Dispatch.CatalogueExplanation, s.Dispatch.History, s.Dispatch.HistoryQueue, s.Dispatch.Confidence, s.Dispatch.Threshold, s.Dispatch.Automatic),
        s.ExpectedHours,
        s.ExpectedAt);
}
