using CityActors.Assist.Evaluation;
using CityActors.Assist.Models;

namespace CityActors.Assist.Tests;

/// <summary>
/// The model shipped in silo/CityActors.Silo/assist/boston-2011 (trained on July–October 2011) re-evaluated on the
/// November–December requests gives exactly the figures recorded in docs/benchmarks.md. Inference is deterministic,
/// so every figure is compared to the count behind it; only latency is left out.
/// </summary>
public sealed class ShippedModelTests
{
    private static readonly Lazy<AssistReport> Report = new(() => AssistEvaluator.Evaluate(AssistModel.Load(AssistFiles.ShippedModel), AssistFiles.Boston));

    private static double R(double value) => Math.Round(value, 4);

    [Fact]
    public void The_manifest_names_the_history_the_cut_off_and_the_seed()
    {
        var manifest = AssistModel.Load(AssistFiles.ShippedModel).Manifest;

        manifest.Version.ShouldBe("boston-20111101-f0a1c1ab43db-s20111101");
        manifest.HistorySha256.ShouldStartWith("f0a1c1ab43db");
        manifest.TrainedUntil.ShouldBe(new DateTime(2011, 11, 1));
        manifest.ValidationFrom.Date.ShouldBe(new DateTime(2011, 10, 1));
        manifest.TrainingRows.ShouldBe(41_827);
        manifest.CatalogueQueue.Count.ShouldBe(manifest.CatalogueShare.Count);
        (Math.Round(manifest.GateThreshold, 4), Math.Round(manifest.DepartmentGateThreshold!.Value, 4)).ShouldBe((0.6896, 0.3298));
    }

    [Fact]
    public void Classification_and_dispatch_figures_are_the_recorded_ones()
    {
        var r = Report.Value;

        r.Cases.ShouldBe(16_424);
        r.TitleDiffers.ShouldBe(2_390);
        (R(r.Matter.All.Top1), R(r.Matter.All.Top3), R(r.Matter.All.RulesTop1), R(r.Matter.All.MajorityTop1)).ShouldBe((0.9912, 0.9970, 0.8532, 0.2242));
        (R(r.Matter.TitleDiffers.Top1), R(r.Matter.TitleDiffers.Top3)).ShouldBe((0.9590, 0.9895));
        R(r.CalibrationError).ShouldBe(0.0216);
        (R(r.Dispatch.All.Queue), R(r.Dispatch.All.RulesQueue), R(r.Dispatch.All.MajorityQueue), R(r.Dispatch.All.EndToEndQueue)).ShouldBe((0.8822, 0.7230, 0.2242, 0.8818));
        (R(r.Dispatch.All.Department), R(r.Dispatch.All.RulesDepartment)).ShouldBe((0.9635, 0.9489));
        (R(r.Dispatch.TitleDiffers.Queue), R(r.Dispatch.TitleDiffers.RulesQueue), R(r.Dispatch.TitleDiffers.Department)).ShouldBe((0.8979, 0.8079, 0.9644));
    }

    [Fact]
    public void The_gate_figures_are_the_recorded_ones()
    {
        var gate = Report.Value.Gate;

        (R(gate.Shipped.Threshold), R(gate.Shipped.Share), R(gate.Shipped.Precision)).ShouldBe((0.6896, 0.8186, 0.9453));
        (R(gate.BestAt95.Share), R(gate.BestAt95.Precision)).ShouldBe((0.7999, 0.9501));
        (R(gate.RulesAt95.Share), R(gate.RulesAt95.Precision)).ShouldBe((0.6391, 0.9667));
    }

    [Fact]
    public void The_department_gate_figures_are_the_recorded_ones()
    {
        var gate = Report.Value.DepartmentGate;

        (R(gate.Shipped.Threshold), R(gate.Shipped.Share), R(gate.Shipped.Precision)).ShouldBe((0.3298, 1.0, 0.9665));
        (R(gate.BestAt95.Share), R(gate.BestAt95.Precision)).ShouldBe((1.0, 0.9665));
        (R(gate.RulesAt95.Share), R(gate.RulesAt95.Precision)).ShouldBe((0.9984, 0.9504));
        gate.Curve.Select(p => (R(p.Threshold), R(p.Share), R(p.Precision))).ShouldBe(
        [
            (0.3, 1.0, 0.9665), (0.5, 0.9930, 0.9703), (0.7, 0.9594, 0.9781), (0.8, 0.9272, 0.9831),
            (0.9, 0.8452, 0.9907), (0.95, 0.7604, 0.9945), (0.98, 0.6175, 0.9978), (0.99, 0.4745, 0.9991),
        ]);
    }

    [Fact]
    public void Duplicate_and_resolution_figures_are_the_recorded_ones()
    {
        var r = Report.Value;

        r.Duplicates.Labelled.ShouldBe(557);
        (r.Duplicates.Model.Predicted, r.Duplicates.Model.TruePositives).ShouldBe((395, 162));
        (r.Duplicates.IntakeRule.Predicted, r.Duplicates.IntakeRule.TruePositives).ShouldBe((2_018, 256));
        r.Resolution.Closed.ShouldBe(15_202);
        (Math.Round(r.Resolution.ModelMae, 1), Math.Round(r.Resolution.TypeMedianMae, 1), Math.Round(r.Resolution.SimilarCasesMae, 1)).ShouldBe((835.3, 858.0, 899.4));
        (Math.Round(r.Resolution.ModelMedianError, 1), Math.Round(r.Resolution.TypeMedianMedianError, 1)).ShouldBe((66.1, 74.9));
        r.OwnerDrift.ShouldBeEmpty();
    }
}
