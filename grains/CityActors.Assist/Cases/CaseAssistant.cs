using CityActors.Assist.Duplicates;
using CityActors.Assist.Models;
using CityActors.Domain.Cases;
using CityActors.Domain.City;

namespace CityActors.Assist.Cases;

/// <summary>
/// Suggestions for a city's cases from a model learned on 311 history, in the city's own terms: catalogue matters, the
/// catalogue's dispatch rule beside what history shows, and an expected resolution time. Plain and thread-safe; the
/// silo holds one per city.
/// </summary>
public sealed class CaseAssistant
{
    private readonly CityModel city;
    private readonly AssistPackage package;
    private readonly ILookup<string, string> typesOfMatter;

    public CaseAssistant(AssistModel model, AssistPackage package, CityModel city)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        this.package = package ?? throw new ArgumentNullException(nameof(package));
        this.city = city ?? throw new ArgumentNullException(nameof(city));
        typesOfMatter = package.Matters.ToLookup(m => m.Value, m => m.Key, StringComparer.Ordinal);
    }

    public AssistModel Model { get; }

    /// <summary>The assistant a package ships (assist.json and the model it names), or null when it ships none.</summary>
    public static CaseAssistant? Load(string packageDirectory, CityModel city) =>
        AssistPackage.Load(packageDirectory, city) is { } package
            ? new CaseAssistant(AssistModel.Load(package.ModelDirectory(packageDirectory)), package, city)
            : null;

    /// <summary>How far from a new report the duplicate scorer looks for open cases (what it was trained with).</summary>
    public static double DuplicateRadiusMeters => DuplicateFinder.RadiusMeters;

    /// <summary>How long before a new report the duplicate scorer looks for open cases (what it was trained with).</summary>
    public static TimeSpan DuplicateWindow => DuplicateFinder.Window;

    /// <param name="report">The report; its matter is the one dispatch and resolution time are suggested for.</param>
    /// <param name="place">Where it resolved to in the city.</param>
    /// <param name="reportedAt">When it was reported.</param>
    public CaseSuggestion Suggest(CaseReport report, CasePlace place, DateTimeOffset reportedAt) => Suggest(report, place, reportedAt, out _);

    /// <summary>
    /// What intake asks of the model in one go (the report is classified once): the suggestion, and whether the report
    /// repeats one of the open cases near it — the nearest open case of its matter scored with the model's duplicate
    /// scorer. The model judges duplicates of a report with a point whose matter it knows a type of
    /// (<see cref="IntakeAdvice.JudgesDuplicates"/>); the assessment is null when it does not, or when no open case of
    /// the matter is within <see cref="DuplicateRadiusMeters"/> and <see cref="DuplicateWindow"/>.
    /// </summary>
    /// <param name="caseId">The new case's id (never its own candidate).</param>
    /// <param name="report">The report.</param>
    /// <param name="place">Where it resolved to in the city.</param>
    /// <param name="reportedAt">When it was reported.</param>
    /// <param name="candidates">Open cases near the report, of any matter, as the duplicate index holds them.</param>
    public IntakeAdvice AtIntake(string caseId, CaseReport report, CasePlace place, DateTimeOffset reportedAt, IReadOnlyList<DuplicateCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var suggestion = Suggest(report, place, reportedAt, out var type);
        if (type is null || place.Longitude is null)
        {
            return new IntakeAdvice(suggestion, null, JudgesDuplicates: false);
        }

        var evidence = IntakeEvidence.From(type, Channel(report), caseId, report.MatterCode, report.Description ?? "", reportedAt, candidates);
        if (evidence.BestCandidateId is not { } candidate)
        {
            return new IntakeAdvice(suggestion, null, JudgesDuplicates: true);
        }

        var assessment = new DuplicateAssessment(
            candidate,
            Math.Round(Model.DuplicateProbability(evidence), 6),
            Model.Manifest.DuplicateThreshold,
            Model.Version,
            Math.Round(evidence.SameTypeMeters, 1),
            Math.Round(evidence.SameTypeHours, 3),
            Math.Round(evidence.SameTypeTextSimilarity, 3),
            (int)evidence.SameTypeNearby,
            (int)evidence.OtherTypeNearby);
        return new IntakeAdvice(suggestion, assessment, JudgesDuplicates: true);
    }

    /// <summary>Whether the model judges duplicates of reports of <paramref name="matterCode"/> (it knows a type of it),
    /// so intake need not gather candidates for a matter the rule will judge anyway.</summary>
    public bool JudgesDuplicatesOf(string matterCode) => typesOfMatter[matterCode].Any();

    private string Channel(CaseReport report) => package.Channels.GetValueOrDefault(report.Channel.ToString(), "");

    /// <param name="report">The report.</param>
    /// <param name="place">Where it resolved to in the city.</param>
    /// <param name="reportedAt">When it was reported.</param>
    /// <param name="type">The history type standing for the report's matter: of the types mapped to it, the one the text
    /// fits best; null when none is mapped to it.</param>
    private CaseSuggestion Suggest(CaseReport report, CasePlace place, DateTimeOffset reportedAt, out string? type)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(place);
        var query = new AssistQuery(
            string.Join(" ", new[] { report.CategoryGuess, report.Description }.Where(t => !string.IsNullOrWhiteSpace(t))),
            Channel(report),
            "",
            place.Latitude,
            place.Longitude,
            reportedAt.DateTime);

        var ranked = Model.Classify(query, Model.Types.Count);
        var matters = ranked
            .Where(r => package.Matters.ContainsKey(r.Label))
            .GroupBy(r => package.Matters[r.Label], StringComparer.Ordinal)
            .Select(g => (Code: g.Key, Confidence: g.Sum(r => r.Confidence)))
            .OrderByDescending(m => m.Confidence).ThenBy(m => m.Code, StringComparer.Ordinal)
            .Take(3)
            .Select(m => new MatterSuggestion(m.Code, city.Catalogue.Find(m.Code)!.NameEn, Math.Round(m.Confidence, 6)))
            .ToList();

        type = ranked.FirstOrDefault(r => typesOfMatter[report.MatterCode].Contains(r.Label))?.Label;
        var dispatch = Dispatch(report.MatterCode, place, query, type);
        double? hours = type is null ? null : Math.Round(Model.ExpectedHours(query, type, dispatch.HistoryQueue ?? ""), 3);
        return new CaseSuggestion(Model.Version, matters, dispatch, hours, hours is { } h ? reportedAt + TimeSpan.FromHours(h) : null);
    }

    private DepartmentSuggestion Dispatch(string matterCode, CasePlace place, AssistQuery query, string? type)
    {
        var matter = city.Catalogue.Find(matterCode);
        var plan = matter is null ? new DispatchPlan([], $"matter {matterCode} is not in the catalogue") : DispatchPlanner.Plan(city, matter, place);
        // The confidence compared below is a department's (an agency's) summed probability, so the gate is the one
        // chosen for that measure, not the queue-level one.
        var threshold = Model.Manifest.DepartmentGate;
        if (type is null)
        {
            return new DepartmentSuggestion(plan.Candidates, plan.Explanation, null, null, null, threshold, false);
        }

        // History speaks in its own queues; the city needs an agency. A queue's probability counts for the agency its
        // department maps to, and the agencies' totals are compared with the gate.
        // One prediction gives both the best queue and the departments' totals (this runs on every intake).
        var queues = Model.RankQueues(query, type);
        var queue = queues[0].Label;
        var agencies = AssistModel.SumByDepartment(queues, Model.DepartmentOf)
            .Where(d => package.Departments.ContainsKey(d.Label))
            .GroupBy(d => package.Departments[d.Label], StringComparer.Ordinal)
            .Select(g => (Agency: g.Key, Confidence: g.Sum(d => d.Confidence)))
            .OrderByDescending(a => a.Confidence).ThenBy(a => a.Agency, StringComparer.Ordinal)
            .ToList();
        if (agencies.Count == 0)
        {
            return new DepartmentSuggestion(plan.Candidates, plan.Explanation, null, queue, null, threshold, false);
        }

        var (agency, confidence) = agencies[0];
        var department = OfficeOf(agency, place);
        var automatic = matter is not null && plan.SingleOwner is null && department is not null && confidence >= threshold &&
            (plan.Candidates.Count == 0 || plan.Candidates.Contains(department));
        return new DepartmentSuggestion(plan.Candidates, plan.Explanation, department, queue, confidence, threshold, automatic);
    }

    // The agency's office nearest the place: its street office, else its district office, else its city department.
    private string? OfficeOf(string agency, CasePlace place) =>
        (city.DepartmentOf(agency, place.StreetCode) ?? city.DepartmentOf(agency, place.DistrictCode) ?? city.DepartmentOf(agency, city.Root.Code))?.Code;
}
