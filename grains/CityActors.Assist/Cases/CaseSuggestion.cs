using CityActors.Domain.Cases;

namespace CityActors.Assist.Cases;

/// <summary>What the assistant suggests for a report: its matters, where it should go, and when it should be done.</summary>
/// <param name="ModelVersion">The model that made the suggestion.</param>
/// <param name="Matters">Up to three catalogue matters, most probable first.</param>
/// <param name="Dispatch">The department suggestion for the report's matter.</param>
/// <param name="ExpectedHours">Expected hours from report to closure; null when the model knows no type of the matter.</param>
/// <param name="ExpectedAt">The report time plus <paramref name="ExpectedHours"/> (Open311 <c>expected_datetime</c>).</param>
public sealed record CaseSuggestion(string ModelVersion, IReadOnlyList<MatterSuggestion> Matters, DepartmentSuggestion Dispatch, double? ExpectedHours, DateTimeOffset? ExpectedAt);

/// <summary>A catalogue matter with the model's probability for it (the sum over the history types mapped to it).</summary>
public sealed record MatterSuggestion(string Code, string Name, double Confidence);

/// <summary>
/// Where a case of the report's matter should go. <paramref name="Catalogue"/> is what the matter's rule names at the
/// place (one department: the case dispatches itself on acceptance; several or none: the centre decides);
/// <paramref name="History"/> is the office of the agency history points to (the summed probability of the queues whose
/// department maps to it) and <paramref name="HistoryQueue"/> the model's most probable queue in the history's own terms.
/// <paramref name="Automatic"/>: the catalogue leaves the case to the centre, and history names one of the catalogue's
/// candidates (or any department when the catalogue names none) with a confidence at or above <paramref name="Threshold"/>,
/// the model's department-level gate (<see cref="Models.AssistManifest.DepartmentGate"/>).
/// </summary>
public sealed record DepartmentSuggestion(
    IReadOnlyList<string> Catalogue,
    string CatalogueExplanation,
    string? History,
    string? HistoryQueue,
    double? Confidence,
    double Threshold,
    bool Automatic);

/// <summary>What the model says about a new report at intake.</summary>
/// <param name="Suggestion">Its suggested matters, department and expected time.</param>
/// <param name="Duplicate">Its duplicate assessment; null when no open case of the report's matter was near enough to weigh.</param>
/// <param name="JudgesDuplicates">Whether the model judges this report's duplicates at all: it has a point and a matter
/// the model knows a type of. When not, intake's rule does.</param>
public sealed record IntakeAdvice(CaseSuggestion Suggestion, DuplicateAssessment? Duplicate, bool JudgesDuplicates);
