using System.Diagnostics;
using CityActors.Assist.Duplicates;
using CityActors.Assist.History;
using CityActors.Assist.Models;
using CityActors.Assist.Similar;

namespace CityActors.Assist.Evaluation;

/// <summary>
/// Measures a model on the requests opened from its training cut-off on (never seen in training), each figure beside
/// a majority-class and a rules-only baseline, on all of them and on those whose title differs from the type name.
/// </summary>
public static class AssistEvaluator
{
    private static readonly double[] CurveThresholds = [0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99];

    public static AssistReport Evaluate(AssistModel model, HistoryFile history, TextWriter? progress = null)
    {
        var manifest = model.Manifest;
        var cases = history.Rows.Where(r => r.Opened >= manifest.TrainedUntil).OrderBy(r => r.Opened).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        if (cases.Count == 0)
        {
            throw new ArgumentException($"No request in the history was opened on or after the model's cut-off {manifest.TrainedUntil:yyyy-MM-dd HH:mm}; there is nothing the model has not seen.", nameof(history));
        }

        progress?.WriteLine($"evaluating {model.Version} on {cases.Count} requests opened from {manifest.TrainedUntil:yyyy-MM-dd}");
        var outcomes = cases.Select(r => Outcome.Of(model, r)).ToList();
        var differing = outcomes.Where(o => o.Request.TitleDiffersFromType).ToList();

        var gate = outcomes.Select(o => (o.Dispatch.Confidence, o.QueueCorrect)).ToList();
        var rulesGate = outcomes.Select(o => (manifest.CatalogueShare.GetValueOrDefault(o.Request.Type), o.RulesQueueCorrect)).ToList();
        var departmentGate = outcomes.Select(o => (o.BestDepartment.Confidence, o.BestDepartment.Label == o.Request.Department)).ToList();
        var departmentShare = manifest.CatalogueDepartmentShare ?? manifest.CatalogueShare;
        var rulesDepartmentGate = outcomes.Select(o => (departmentShare.GetValueOrDefault(o.Request.Type), o.RulesDepartment == o.Request.Department)).ToList();

        progress?.WriteLine("duplicates, resolution times and similar cases");
        var duplicates = Duplicates(model, history, cases);
        var resolution = Resolution(model, history, outcomes);

        return new AssistReport
        {
            Model = model.Version,
            Cases = cases.Count,
            TitleDiffers = differing.Count,
            Matter = new ClassificationFigures(Figures(outcomes), Figures(differing)),
            CalibrationError = ExpectedCalibrationError(outcomes.Select(o => (o.Matter[0].Confidence, o.MatterTop1)).ToList()),
            Dispatch = new DispatchFigures(DispatchOf(outcomes), DispatchOf(differing)),
            Gate = GateOf(gate, rulesGate, manifest.GateThreshold),
            DepartmentGate = GateOf(departmentGate, rulesDepartmentGate, manifest.DepartmentGate),
            Duplicates = duplicates,
            Resolution = resolution,
            OwnerDrift = OwnerDrift(model, cases),
            Latency = Latency(model, cases),
        };
    }

    private static GateFigures GateOf(List<(double, bool)> model, List<(double, bool)> rules, double shipped) => new(
        GateCurve.At(model, shipped),
        GateCurve.At(model, GateCurve.ThresholdFor(model, AssistTrainer.GatePrecision)),
        GateCurve.At(rules, GateCurve.ThresholdFor(rules, AssistTrainer.GatePrecision)),
        [.. CurveThresholds.Select(t => GateCurve.At(model, t))]);

    private static Accuracies Figures(List<Outcome> set) => new(
        set.Count,
        Share(set, o => o.MatterTop1),
        Share(set, o => o.Matter.Any(m => m.Label == o.Request.Type)),
        Share(set, o => o.RulesMatter == o.Request.Type),
        Share(set, o => o.MajorityMatter == o.Request.Type));

    private static DispatchAccuracies DispatchOf(List<Outcome> set) => new(
        Share(set, o => o.QueueCorrect),
        Share(set, o => o.Dispatch.Department == o.Request.Department),
        Share(set, o => o.RulesQueueCorrect),
        Share(set, o => o.RulesDepartment == o.Request.Department),
        Share(set, o => o.MajorityQueue == o.Request.Queue),
        Share(set, o => o.EndToEndQueue == o.Request.Queue));

    private static DuplicateFigures Duplicates(AssistModel model, HistoryFile history, List<ServiceRequest> cases)
    {
        var finder = new DuplicateFinder(history.Rows);
        var evidence = cases.Select(finder.Evidence).ToList();
        var scored = evidence.Select(e => (Predicted: model.DuplicateProbability(e) >= model.Manifest.DuplicateThreshold, e.Label)).ToList();
        var rule = evidence.Select(e => (Predicted: e.MatchesIntakeRule, e.Label)).ToList();
        return new DuplicateFigures(evidence.Count(e => e.Label), Prf.Of(scored), Prf.Of(rule));
    }

    private static ResolutionFigures Resolution(AssistModel model, HistoryFile history, List<Outcome> outcomes)
    {
        var closed = outcomes.Where(o => o.Request.ResolutionHours is not null).ToList();
        var similar = new SimilarCaseIndex(history.Rows);
        double modelError = 0, baselineError = 0, similarError = 0;
        var withSimilar = 0;
        var modelErrors = new List<double>(closed.Count);
        var baselineErrors = new List<double>(closed.Count);
        foreach (var o in closed)
        {
            var actual = o.Request.ResolutionHours!.Value;
            modelErrors.Add(Math.Abs(o.ExpectedHours - actual));
            baselineErrors.Add(Math.Abs(model.Manifest.MedianHours.GetValueOrDefault(o.Request.Type, model.Manifest.OverallMedianHours) - actual));
            modelError += modelErrors[^1];
            baselineError += baselineErrors[^1];
            var like = similar.Find(o.Request.Type, o.Request.Title, o.Request.Latitude, o.Request.Longitude, o.Request.Opened, 5);
            withSimilar += like.Count > 0 ? 1 : 0;
            var estimate = like.Count > 0 ? AssistTrainer.Median(like.Select(s => s.HandlingHours)) : model.Manifest.OverallMedianHours;
            similarError += Math.Abs(estimate - actual);
        }

        var n = Math.Max(1, closed.Count);
        return new ResolutionFigures(
            closed.Count, modelError / n, baselineError / n, similarError / n,
            AssistTrainer.Median(modelErrors), AssistTrainer.Median(baselineErrors), (double)withSimilar / n);
    }

    // Where the unseen requests contradict the one-owner table: types (with at least 20 requests) whose usual department
    // is not the one the table lists. Queues are not compared: many types are split over district queues by place.
    private static IReadOnlyList<OwnerDrift> OwnerDrift(AssistModel model, List<ServiceRequest> cases) =>
        [.. cases.GroupBy(r => r.Type, StringComparer.Ordinal)
            .Where(g => g.Count() >= 20 && model.Manifest.CatalogueQueue.ContainsKey(g.Key))
            .Select(g =>
            {
                var listed = model.DepartmentOf(model.Manifest.CatalogueQueue[g.Key]);
                return new OwnerDrift(g.Key, listed, AssistTrainer.Modal(g.Select(r => r.Department)), g.Count(),
                    Math.Round((double)g.Count(r => r.Department == listed) / g.Count(), 4));
            })
            .Where(d => d.ListedDepartment != d.ActualDepartment)
            .OrderByDescending(d => d.Requests).ThenBy(d => d.Type, StringComparer.Ordinal)];

    private static LatencyFigures Latency(AssistModel model, List<ServiceRequest> cases)
    {
        var sample = cases.Take(2000).ToList();
        foreach (var r in sample.Take(200))
        {
            Suggest(model, r);
        }

        var micros = new List<double>(sample.Count);
        foreach (var r in sample)
        {
            var start = Stopwatch.GetTimestamp();
            Suggest(model, r);
            micros.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }

        micros.Sort();
        return new LatencyFigures(sample.Count, Percentile(micros, 0.50) / 1000, Percentile(micros, 0.99) / 1000, micros[^1] / 1000);
    }

    // One suggestion as intake makes it: classify the text, dispatch the top matter, estimate its resolution time.
    private static void Suggest(AssistModel model, ServiceRequest request)
    {
        var query = request.ToQuery();
        var matter = model.Classify(query)[0].Label;
        var dispatch = model.Dispatch(query, matter);
        model.ExpectedHours(query, matter, dispatch.Queue);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static double ExpectedCalibrationError(List<(double Confidence, bool Correct)> outcomes)
    {
        double error = 0;
        foreach (var bin in outcomes.GroupBy(o => Math.Min(9, (int)(o.Confidence * 10))))
        {
            error += Math.Abs(bin.Average(o => o.Confidence) - bin.Average(o => o.Correct ? 1.0 : 0.0)) * bin.Count() / outcomes.Count;
        }

        return error;
    }

    private static double Share(List<Outcome> set, Func<Outcome, bool> hit) => set.Count == 0 ? 0 : (double)set.Count(hit) / set.Count;

    private sealed record Outcome(
        ServiceRequest Request,
        IReadOnlyList<Ranked> Matter,
        DispatchSuggestion Dispatch,
        Ranked BestDepartment,
        string EndToEndQueue,
        string RulesMatter,
        string MajorityMatter,
        string? RulesQueue,
        string RulesDepartment,
        string MajorityQueue,
        double ExpectedHours)
    {
        public bool MatterTop1 => Matter[0].Label == Request.Type;

        public bool QueueCorrect => Dispatch.Queue == Request.Queue;

        public bool RulesQueueCorrect => RulesQueue == Request.Queue;

        public static Outcome Of(AssistModel model, ServiceRequest r)
        {
            var query = r.ToQuery();
            var manifest = model.Manifest;
            var matter = model.Classify(query);
            var dispatch = model.Dispatch(query, r.Type);
            var endToEnd = model.Dispatch(query, matter[0].Label).Queue;

            // The rules-only classifier: a title that is a type's name is that type; anything else is the commonest type.
            var rulesMatter = manifest.CatalogueQueue.Keys.FirstOrDefault(t => string.Equals(t, r.Title, StringComparison.OrdinalIgnoreCase)) ?? manifest.MajorityType;
            var rulesQueue = manifest.CatalogueQueue.GetValueOrDefault(r.Type);
            return new Outcome(
                r, matter, dispatch, model.RankDepartments(query, r.Type)[0], endToEnd, rulesMatter, manifest.MajorityType, rulesQueue,
                rulesQueue is null ? "" : model.DepartmentOf(rulesQueue), manifest.MajorityQueue,
                model.ExpectedHours(query, r.Type, dispatch.Queue));
        }
    }
}
