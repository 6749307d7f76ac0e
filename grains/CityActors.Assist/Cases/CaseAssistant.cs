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

    /// <param name="report">The report; its matter is the one dispatch and resolution time are suggested for.</param>
    /// <param name="place">Where it resolved to in the city.</param>
    /// <param name="reportedAt">When it was reported.</param>
    public CaseSuggestion Suggest(CaseReport report, CasePlace place, DateTimeOffset reportedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(place);
        var query = new AssistQuery(
            string.Join(" ", new[] { report.CategoryGuess, report.Description }.Where(t => !string.IsNullOrWhiteSpace(t))),
            package.Channels.GetValueOrDefault(report.Channel.ToString(), ""),
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

        // The history type standing for the report's matter: of the types mapped to it, the one the text fits best.
        var type = ranked.FirstOrDefault(r => typesOfMatter[report.MatterCode].Contains(r.Label))?.Label;
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
        var queue = Model.Dispatch(query, type).Queue;
        var agencies = Model.RankDepartments(query, type)
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
