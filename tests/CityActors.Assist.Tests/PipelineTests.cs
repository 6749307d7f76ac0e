using System.Text.Json;
using CityActors.Assist.Evaluation;
using CityActors.Assist.Models;
using Microsoft.ML;

namespace CityActors.Assist.Tests;

/// <summary>The whole pipeline on a small history: every 40th request of the Boston year, cut at 1 November.</summary>
public sealed class PipelineTests
{
    private static readonly DateTime Cutoff = new(2011, 11, 1);
    private static readonly Lazy<AssistModel> Trained = new(() => Train());

    private static AssistModel Train() => AssistTrainer.Train(AssistFiles.BostonEvery(40), new string('0', 64), Cutoff, seed: 7);

    [Fact]
    public void Evaluates_only_the_requests_opened_from_the_cut_off_and_beats_both_baselines()
    {
        var history = AssistFiles.BostonEvery(40);

        var report = AssistEvaluator.Evaluate(Trained.Value, history);

        report.Cases.ShouldBe(history.Rows.Count(r => r.Opened >= Cutoff));
        report.Model.ShouldBe("boston-20111101-000000000000-s7");
        report.Matter.All.Top1.ShouldBeGreaterThan(report.Matter.All.RulesTop1);
        report.Matter.All.Top1.ShouldBeGreaterThan(report.Matter.All.MajorityTop1);
        report.Matter.All.Top3.ShouldBeGreaterThanOrEqualTo(report.Matter.All.Top1);
        report.Dispatch.All.Queue.ShouldBeGreaterThan(report.Dispatch.All.MajorityQueue);
        report.Gate.Curve.Select(p => p.Share).ShouldBeInOrder(SortDirection.Descending);
        report.Resolution.Closed.ShouldBe(history.Rows.Count(r => r.Opened >= Cutoff && r.ResolutionHours is not null));
        report.Latency.Suggestions.ShouldBe(Math.Min(2000, report.Cases));
    }

    [Fact]
    public void The_department_gate_is_measured_beside_the_queue_gate_at_the_manifest_s_threshold()
    {
        var manifest = Trained.Value.Manifest;

        var report = AssistEvaluator.Evaluate(Trained.Value, AssistFiles.BostonEvery(40));

        report.DepartmentGate.Shipped.Threshold.ShouldBe(manifest.DepartmentGateThreshold!.Value);
        report.Gate.Shipped.Threshold.ShouldBe(manifest.GateThreshold);
        report.DepartmentGate.Curve.Select(p => p.Threshold).ShouldBe(report.Gate.Curve.Select(p => p.Threshold));
        report.DepartmentGate.Curve.Select(p => p.Share).ShouldBeInOrder(SortDirection.Descending);
        report.DepartmentGate.BestAt95.Precision.ShouldBeGreaterThanOrEqualTo(0.95);
        report.DepartmentGate.RulesAt95.Precision.ShouldBeGreaterThanOrEqualTo(0.95);

        // The best department's summed probability is never below the best queue's own, so at every threshold at
        // least as many cases clear the department gate.
        report.DepartmentGate.Curve.Zip(report.Gate.Curve).ShouldAllBe(p => p.First.Share >= p.Second.Share);
    }

    [Fact]
    public void Both_gate_thresholds_come_from_the_validation_month_and_never_from_the_months_after_the_cut_off()
    {
        var history = AssistFiles.BostonEvery(40);
        var manifest = Trained.Value.Manifest;
        var fit = history.Rows.Where(r => r.Opened < manifest.ValidationFrom).OrderBy(r => r.Opened).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var october = history.Rows.Where(r => r.Opened >= manifest.ValidationFrom && r.Opened < Cutoff).OrderBy(r => r.Opened).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();

        // October, scored by a dispatch model of the months before it, with its own queue → department table.
        var dispatch = AssistTrainer.TrainDispatch(new MLContext(7), [.. fit.Select(RequestRow.From)]);
        var departments = AssistTrainer.QueueDepartments(fit);
        var outcomes = october.Select(r =>
        {
            var best = AssistModel.RankDepartments(dispatch, RequestRow.From(r), departments)[0];
            return (best.Confidence, best.Label == r.Department);
        }).ToList();
        manifest.ValidationFrom.Month.ShouldBe(10);
        manifest.DepartmentGateThreshold.ShouldBe(GateCurve.ThresholdFor(outcomes, AssistTrainer.GatePrecision));
        GateCurve.At(outcomes, manifest.DepartmentGateThreshold!.Value).Precision.ShouldBeGreaterThanOrEqualTo(AssistTrainer.GatePrecision);

        // Without a single request from the cut-off on, training chooses the very same thresholds.
        var blind = AssistTrainer.Train(history with { Rows = [.. history.Rows.Where(r => r.Opened < Cutoff)] }, new string('0', 64), Cutoff, seed: 7).Manifest;
        (blind.GateThreshold, blind.DepartmentGateThreshold).ShouldBe((manifest.GateThreshold, manifest.DepartmentGateThreshold));
    }

    [Fact]
    public void Training_again_on_the_same_history_and_seed_gives_the_same_model()
    {
        var history = AssistFiles.BostonEvery(40);
        var again = Train();

        var first = AssistEvaluator.Evaluate(Trained.Value, history) with { Latency = new LatencyFigures(0, 0, 0, 0) };
        var second = AssistEvaluator.Evaluate(again, history) with { Latency = new LatencyFigures(0, 0, 0, 0) };

        JsonSerializer.Serialize(second).ShouldBe(JsonSerializer.Serialize(first));
        var one = Directory.CreateTempSubdirectory("assist-one-");
        var two = Directory.CreateTempSubdirectory("assist-two-");
        try
        {
            Trained.Value.Save(one.FullName);
            again.Save(two.FullName);
            foreach (var file in Directory.GetFiles(one.FullName).Select(Path.GetFileName).Order())
            {
                File.ReadAllBytes(Path.Combine(two.FullName, file!)).ShouldBe(File.ReadAllBytes(Path.Combine(one.FullName, file!)), file);
            }

            Directory.GetFiles(two.FullName).Length.ShouldBe(5);
        }
        finally
        {
            one.Delete(recursive: true);
            two.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_saved_model_loads_back_with_the_same_suggestions()
    {
        var directory = Directory.CreateTempSubdirectory("assist-model-");
        try
        {
            Trained.Value.Save(directory.FullName);
            var loaded = AssistModel.Load(directory.FullName);

            foreach (var request in AssistFiles.BostonEvery(40).Rows.Where(r => r.Opened >= Cutoff).Take(50))
            {
                var query = request.ToQuery();
                loaded.Classify(query).ShouldBe(Trained.Value.Classify(query));
                loaded.Dispatch(query, request.Type).Confidence.ShouldBe(Trained.Value.Dispatch(query, request.Type).Confidence);
                loaded.ExpectedHours(query, request.Type, request.Queue).ShouldBe(Trained.Value.ExpectedHours(query, request.Type, request.Queue));
            }

            loaded.Manifest.Version.ShouldBe(Trained.Value.Version);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Classification_gives_three_matters_with_probabilities_most_probable_first()
    {
        var query = new AssistQuery("street light out on the corner", "Constituent Call", "Dorchester", 42.30, -71.06, new DateTime(2011, 11, 2, 10, 0, 0));

        var matters = Trained.Value.Classify(query);

        matters.Count.ShouldBe(3);
        matters[0].Label.ShouldBe("Street Light Outages");
        matters.Select(m => m.Confidence).ShouldBeInOrder(SortDirection.Descending);
        matters.Sum(m => m.Confidence).ShouldBeLessThanOrEqualTo(1.0 + 1e-6);
    }

    [Fact]
    public void A_model_directory_without_a_manifest_is_refused()
    {
        var directory = Directory.CreateTempSubdirectory("assist-empty-");
        try
        {
            var ex = Should.Throw<InvalidDataException>(() => AssistModel.Load(directory.FullName));

            ex.Message.ShouldBe($"{directory.FullName} is not an assist model: it has no manifest.json.");
        }
        finally
        {
            directory.Delete();
        }
    }

    [Fact]
    public void Training_needs_requests_before_the_cut_off()
    {
        var ex = Should.Throw<ArgumentException>(() => AssistTrainer.Train(AssistFiles.BostonEvery(40), new string('0', 64), new DateTime(2011, 7, 1), 7));

        ex.Message.ShouldStartWith("Only 0 requests were opened before 2011-07-01 00:00; training needs at least 20.");
    }
}
