using CityActors.Assist.Duplicates;
using CityActors.Assist.Evaluation;
using CityActors.Assist.History;
using Microsoft.ML;

namespace CityActors.Assist.Models;

/// <summary>
/// Trains a model artefact from the requests opened before a cut-off. The last quarter of that period is first held
/// out: models trained on the first three quarters choose the gate and duplicate thresholds on it; then every model is
/// trained again on the whole period, keeping those thresholds. Single-threaded trainers and a fixed seed make the
/// result a function of the history, the cut-off and the seed.
/// </summary>
public static class AssistTrainer
{
    public const double GatePrecision = 0.95;

    public static AssistModel Train(HistoryFile history, string historySha256, DateTime until, int seed, TextWriter? progress = null)
    {
        var train = history.Rows.Where(r => r.Opened < until).OrderBy(r => r.Opened).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        if (train.Count < 20)
        {
            throw new ArgumentException($"Only {train.Count} requests were opened before {until:yyyy-MM-dd HH:mm}; training needs at least 20.", nameof(until));
        }

        var first = train[0].Opened;
        var validationFrom = first + (until - first) * 3 / 4;
        var fit = train.Where(r => r.Opened < validationFrom).ToList();
        var validation = train.Where(r => r.Opened >= validationFrom).ToList();
        var finder = new DuplicateFinder(history.Rows.Where(r => r.Opened < until));
        var ml = new MLContext(seed);

        progress?.WriteLine($"choosing thresholds: fit on {fit.Count} requests, validate on {validation.Count} from {validationFrom:yyyy-MM-dd}");
        var gate = GateThresholds(ml, fit, validation);
        var duplicateThreshold = DuplicateThreshold(ml, finder, fit, validation);
        progress?.WriteLine($"gate thresholds: queue {gate.Queue:0.0000}, department {gate.Department:0.0000}; duplicate threshold {duplicateThreshold:0.0000}");

        progress?.WriteLine($"training on {train.Count} requests opened before {until:yyyy-MM-dd}");
        var rows = train.Select(RequestRow.From).ToList();
        var matter = TrainMatter(ml, rows);
        var dispatch = TrainDispatch(ml, rows);
        var resolution = ResolutionRegressor.Train(ml, [.. train.Where(r => r.ResolutionHours is not null).Select(RequestRow.From)]);
        var duplicates = DuplicateScorer.Train(ml, [.. train.Select(finder.Evidence)]);

        var catalogue = train.GroupBy(r => r.Type, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Modal(g.Select(r => r.Queue)), StringComparer.Ordinal);
        var queueDepartment = QueueDepartments(train);
        var manifest = new AssistManifest
        {
            Format = AssistManifest.CurrentFormat,
            Version = $"{history.Schema}-{until:yyyyMMdd}-{historySha256[..12]}-s{seed}",
            Schema = history.Schema,
            HistorySha256 = historySha256,
            TrainedUntil = until,
            ValidationFrom = validationFrom,
            Seed = seed,
            TrainingRows = train.Count,
            GateThreshold = gate.Queue,
            GateTargetPrecision = GatePrecision,
            DepartmentGateThreshold = gate.Department,
            DuplicateThreshold = duplicateThreshold,
            CatalogueQueue = new SortedDictionary<string, string>(catalogue, StringComparer.Ordinal),
            CatalogueShare = new SortedDictionary<string, double>(
                train.GroupBy(r => r.Type, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Math.Round((double)g.Count(r => r.Queue == catalogue[g.Key]) / g.Count(), 6)),
                StringComparer.Ordinal),
            CatalogueDepartmentShare = new SortedDictionary<string, double>(
                train.GroupBy(r => r.Type, StringComparer.Ordinal).ToDictionary(
                    g => g.Key, g => Math.Round((double)g.Count(r => r.Department == queueDepartment[catalogue[g.Key]]) / g.Count(), 6)),
                StringComparer.Ordinal),
            QueueDepartment = queueDepartment,
            MedianHours = new SortedDictionary<string, double>(
                train.Where(r => r.ResolutionHours is not null).GroupBy(r => r.Type, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => Math.Round(Median(g.Select(r => r.ResolutionHours!.Value)), 6)),
                StringComparer.Ordinal),
            MajorityType = Modal(train.Select(r => r.Type)),
            MajorityQueue = Modal(train.Select(r => r.Queue)),
            OverallMedianHours = Math.Round(Median(train.Where(r => r.ResolutionHours is not null).Select(r => r.ResolutionHours!.Value)), 6),
        };
        return new AssistModel(manifest, matter, dispatch, resolution, duplicates);
    }

    internal static LabelClassifier TrainMatter(MLContext ml, IReadOnlyList<RequestRow> rows) =>
        LabelClassifier.Train(ml, rows, nameof(RequestRow.Type), readsText: true, nameof(RequestRow.Channel), nameof(RequestRow.Area));

    internal static LabelClassifier TrainDispatch(MLContext ml, IReadOnlyList<RequestRow> rows) =>
        LabelClassifier.Train(ml, rows, nameof(RequestRow.Queue), readsText: true,
            nameof(RequestRow.Type), nameof(RequestRow.TypeArea), nameof(RequestRow.TypeTile), nameof(RequestRow.Channel));

    // One dispatch model trained on the fit requests decides both gates on the validation requests: the queue gate on
    // its best queue, the department gate on its best department (queue probabilities summed with the fit requests'
    // own queue → department table, so nothing from the validation period leaks into the choice but the outcomes).
    internal static (double Queue, double Department) GateThresholds(MLContext ml, List<ServiceRequest> fit, List<ServiceRequest> validation)
    {
        var dispatch = TrainDispatch(ml, [.. fit.Select(RequestRow.From)]);
        var queueDepartment = QueueDepartments(fit);
        var queueOutcomes = new List<(double, bool)>(validation.Count);
        var departmentOutcomes = new List<(double, bool)>(validation.Count);
        foreach (var r in validation)
        {
            var row = RequestRow.From(r);
            var best = dispatch.Rank(row, 1)[0];
            queueOutcomes.Add((best.Confidence, best.Label == r.Queue));
            var department = AssistModel.RankDepartments(dispatch, row, queueDepartment)[0];
            departmentOutcomes.Add((department.Confidence, department.Label == r.Department));
        }

        return (GateCurve.ThresholdFor(queueOutcomes, GatePrecision), GateCurve.ThresholdFor(departmentOutcomes, GatePrecision));
    }

    /// <summary>Queue → the department most of its requests were handled by.</summary>
    internal static SortedDictionary<string, string> QueueDepartments(IEnumerable<ServiceRequest> requests) =>
        new(requests.GroupBy(r => r.Queue, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Modal(g.Select(r => r.Department))), StringComparer.Ordinal);

    // The threshold with the best F1 on the validation requests.
    private static double DuplicateThreshold(MLContext ml, DuplicateFinder finder, List<ServiceRequest> fit, List<ServiceRequest> validation)
    {
        var scorer = DuplicateScorer.Train(ml, [.. fit.Select(finder.Evidence)]);
        var scored = validation.Select(r => (Probability: scorer.Probability(finder.Evidence(r)), r.ClosedAsDuplicate))
            .OrderByDescending(s => s.Probability).ToList();
        var positives = scored.Count(s => s.ClosedAsDuplicate);
        if (positives == 0)
        {
            // Nothing to learn a threshold from: flag nothing rather than everything.
            return 1.01;
        }

        double bestF1 = -1, threshold = 0.5;
        var truePositives = 0;
        for (var i = 0; i < scored.Count; i++)
        {
            truePositives += scored[i].ClosedAsDuplicate ? 1 : 0;
            if (i < scored.Count - 1 && scored[i + 1].Probability == scored[i].Probability)
            {
                continue;
            }

            var f1 = positives == 0 ? 0 : 2.0 * truePositives / (i + 1 + positives);
            if (f1 > bestF1)
            {
                bestF1 = f1;
                threshold = scored[i].Probability;
            }
        }

        return threshold;
    }

    internal static string Modal(IEnumerable<string> values) =>
        values.GroupBy(v => v, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return 0;
        }

        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
