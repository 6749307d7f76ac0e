using System.Text.Json;
using CityActors.Assist.Duplicates;
using Microsoft.ML;

namespace CityActors.Assist.Models;

/// <summary>
/// A trained model artefact, loaded for in-process inference: matter classification, dispatch with the confidence gate,
/// expected resolution time and duplicate scoring. Safe to call from several threads (each engine takes a short lock).
/// </summary>
public sealed class AssistModel
{
    public const string ManifestFile = "manifest.json";
    private const string MatterFile = "matter.zip";
    private const string DispatchFile = "dispatch.zip";
    private const string ResolutionFile = "resolution.zip";
    private const string DuplicatesFile = "duplicates.zip";

    private readonly LabelClassifier matter;
    private readonly LabelClassifier dispatch;
    private readonly ResolutionRegressor resolution;
    private readonly DuplicateScorer duplicates;

    internal AssistModel(AssistManifest manifest, LabelClassifier matter, LabelClassifier dispatch, ResolutionRegressor resolution, DuplicateScorer duplicates)
    {
        Manifest = manifest;
        this.matter = matter;
        this.dispatch = dispatch;
        this.resolution = resolution;
        this.duplicates = duplicates;
    }

    public AssistManifest Manifest { get; }

    public string Version => Manifest.Version;

    /// <summary>Every type (matter label) the model can suggest.</summary>
    public IReadOnlyList<string> Types => matter.Labels;

    /// <summary>The <paramref name="count"/> most probable types for a report, most probable first.</summary>
    public IReadOnlyList<Ranked> Classify(AssistQuery query, int count = 3) => matter.Rank(RequestRow.From(query, ""), count);

    /// <summary>Where a report of <paramref name="type"/> should go, and whether that is sure enough to do unasked.</summary>
    public DispatchSuggestion Dispatch(AssistQuery query, string type)
    {
        var ranked = dispatch.Rank(RequestRow.From(query, type), 3);
        var best = ranked[0];
        return new DispatchSuggestion(
            best.Label,
            DepartmentOf(best.Label),
            best.Confidence,
            Manifest.CatalogueQueue.GetValueOrDefault(type),
            best.Confidence >= Manifest.GateThreshold,
            ranked);
    }

    /// <summary>Every queue with its probability, most probable first: one prediction from which both the best queue and
    /// the departments' totals (<see cref="SumByDepartment"/>) can be read.</summary>
    public IReadOnlyList<Ranked> RankQueues(AssistQuery query, string type) => dispatch.Rank(RequestRow.From(query, type), dispatch.Labels.Count);

    /// <summary>Every department with the summed probability of its queues, most probable first.</summary>
    public IReadOnlyList<Ranked> RankDepartments(AssistQuery query, string type) => SumByDepartment(RankQueues(query, type), DepartmentOf);

    /// <summary>Queue probabilities summed per department, most probable first (ties by name). The department-level
    /// gate is chosen, measured and applied on the first of these.</summary>
    internal static IReadOnlyList<Ranked> SumByDepartment(IEnumerable<Ranked> queues, Func<string, string> departmentOf) =>
        [.. queues
            .GroupBy(q => departmentOf(q.Label), StringComparer.Ordinal)
            .Select(g => new Ranked(g.Key, g.Sum(q => q.Confidence)))
            .OrderByDescending(d => d.Confidence).ThenBy(d => d.Label, StringComparer.Ordinal)];

    /// <summary>All queue probabilities summed per department: the same ranking as <see cref="RankDepartments(AssistQuery, string)"/>, for
    /// a classifier and queue table of a model being trained.</summary>
    internal static IReadOnlyList<Ranked> RankDepartments(LabelClassifier dispatch, RequestRow row, IReadOnlyDictionary<string, string> queueDepartment) =>
        SumByDepartment(dispatch.Rank(row, dispatch.Labels.Count), q => queueDepartment.GetValueOrDefault(q, ""));

    /// <summary>Expected hours from report to closure for a report of <paramref name="type"/> sent to <paramref name="queue"/>.</summary>
    public double ExpectedHours(AssistQuery query, string type, string queue) => resolution.PredictHours(RequestRow.From(query, type, queue));

    public string DepartmentOf(string queue) => Manifest.QueueDepartment.GetValueOrDefault(queue, "");

    internal double DuplicateProbability(DuplicateEvidence evidence) => duplicates.Probability(evidence);

    public static AssistModel Load(string directory)
    {
        var manifestPath = Path.Combine(directory, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            throw new InvalidDataException($"{Path.GetFullPath(directory)} is not an assist model: it has no {ManifestFile}.");
        }

        var manifest = JsonSerializer.Deserialize<AssistManifest>(File.ReadAllText(manifestPath), AssistManifest.Json)
            ?? throw new InvalidDataException($"{manifestPath} is empty.");
        if (manifest.Format != AssistManifest.CurrentFormat)
        {
            throw new InvalidDataException($"{manifestPath} is format '{manifest.Format}'; this build reads {AssistManifest.CurrentFormat}.");
        }

        var ml = new MLContext(manifest.Seed);
        return new AssistModel(
            manifest,
            LabelClassifier.Load(ml, Path.Combine(directory, MatterFile)),
            LabelClassifier.Load(ml, Path.Combine(directory, DispatchFile)),
            ResolutionRegressor.Load(ml, Path.Combine(directory, ResolutionFile)),
            DuplicateScorer.Load(ml, Path.Combine(directory, DuplicatesFile)));
    }

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        var ml = new MLContext(Manifest.Seed);
        matter.Save(ml, Path.Combine(directory, MatterFile));
        dispatch.Save(ml, Path.Combine(directory, DispatchFile));
        resolution.Save(ml, Path.Combine(directory, ResolutionFile));
        duplicates.Save(ml, Path.Combine(directory, DuplicatesFile));
        File.WriteAllText(Path.Combine(directory, ManifestFile), JsonSerializer.Serialize(Manifest, AssistManifest.Json) + "\n");
    }
}
