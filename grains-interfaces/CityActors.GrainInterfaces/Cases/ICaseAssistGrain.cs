using CityActors.Domain.Cases;

namespace CityActors.GrainInterfaces.Cases;

/// <summary>
/// Suggestions for reports and cases from the city's learned model (智能分类 / 智能分拨 / expected resolution time),
/// computed in process on the silo that receives the call. Key 0.
/// </summary>
public interface ICaseAssistGrain : IGrainWithIntegerKey
{
    /// <summary>Suggestions for a report, located through the city model; null when the city ships no model.</summary>
    /// <exception cref="CaseCommandException">The location is outside the city or names no unit.</exception>
    [Alias("suggest")]
    Task<CaseSuggestionView?> Suggest(CaseReport report, DateTimeOffset reportedAt);

    /// <summary>Suggestions for a case as it was reported; null when the city ships no model.</summary>
    [Alias("suggest-for-case")]
    Task<CaseSuggestionView?> SuggestFor(CaseView view);
}

/// <summary>What the model suggests: up to three matters, the department, the expected resolution time.</summary>
[GenerateSerializer, Immutable, Alias("cityactors.case-suggestion")]
public sealed record CaseSuggestionView(
    [property: Id(0)] string ModelVersion,
    [property: Id(1)] IReadOnlyList<MatterSuggestionView> Matters,
    [property: Id(2)] DispatchSuggestionView Dispatch,
    [property: Id(3)] double? ExpectedHours,
    [property: Id(4)] DateTimeOffset? ExpectedAt);

/// <summary>A catalogue matter and the model's probability for it.</summary>
[GenerateSerializer, Immutable, Alias("cityactors.matter-suggestion")]
public sealed record MatterSuggestionView([property: Id(0)] string Code, [property: Id(1)] string Name, [property: Id(2)] double Confidence);

/// <summary>The catalogue's candidates at the place beside the department history points to, and whether the case
/// would be dispatched without a person (confidence at or above the gate, and the catalogue leaves it to the centre).</summary>
[GenerateSerializer, Immutable, Alias("cityactors.dispatch-suggestion")]
public sealed record DispatchSuggestionView(
    [property: Id(0)] IReadOnlyList<string> Catalogue,
    [property: Id(1)] string CatalogueExplanation,
    [property: Id(2)] string? History,
    [property: Id(3)] string? HistoryQueue,
    [property: Id(4)] double? Confidence,
    [property: Id(5)] double Threshold,
    [property: Id(6)] bool Automatic);
