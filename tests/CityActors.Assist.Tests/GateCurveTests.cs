using CityActors.Assist.Evaluation;
using CityActors.Assist.Models;

namespace CityActors.Assist.Tests;

public sealed class GateCurveTests
{
    private static readonly (double, bool)[] Outcomes =
    [
        (0.99, true), (0.95, true), (0.90, true), (0.90, false), (0.80, true), (0.60, false), (0.50, true), (0.40, false),
    ];

    [Fact]
    public void The_threshold_takes_the_largest_share_that_reaches_the_precision()
    {
        // Down to 0.80: 4 of 5 right (80 %); down to 0.90: 3 of 4 (75 %); down to 0.50: 5 of 7.
        GateCurve.ThresholdFor(Outcomes, 0.80).ShouldBe(0.80);
        GateCurve.ThresholdFor(Outcomes, 0.75).ShouldBe(0.80);
        GateCurve.ThresholdFor(Outcomes, 0.70).ShouldBe(0.50);
    }

    [Fact]
    public void Cases_at_the_same_confidence_go_together()
    {
        // 0.90 holds one right and one wrong: the gate cannot take only the right one.
        GateCurve.ThresholdFor(Outcomes, 1.0).ShouldBe(0.95);
    }

    [Fact]
    public void No_threshold_reaching_the_precision_means_nothing_automatic()
    {
        var threshold = GateCurve.ThresholdFor([(0.9, false), (0.8, true)], 0.95);

        threshold.ShouldBeGreaterThan(1);
        GateCurve.At([(0.9, false), (0.8, true)], threshold).Share.ShouldBe(0);
    }

    [Fact]
    public void A_point_reports_share_and_precision_above_its_threshold()
    {
        var point = GateCurve.At(Outcomes, 0.80);

        point.Share.ShouldBe(5.0 / 8);
        point.Precision.ShouldBe(4.0 / 5);
    }

    [Fact]
    public void A_department_s_confidence_is_the_sum_of_its_queues_and_the_best_department_comes_first()
    {
        // The best queue (0.40, a district crew) is not in the best department: two queues of another one add up to 0.55.
        Ranked[] queues = [new("crew A", 0.40), new("lights", 0.30), new("lights pending", 0.25), new("unknown", 0.05)];
        var department = new Dictionary<string, string> { ["crew A"] = "PWD", ["lights"] = "STL", ["lights pending"] = "STL" };

        var ranked = AssistModel.SumByDepartment(queues, q => department.GetValueOrDefault(q, ""));

        ranked.Select(d => d.Label).ShouldBe(["STL", "PWD", ""]);
        ranked[0].Confidence.ShouldBe(0.55, 1e-12);
    }

    [Fact]
    public void Departments_at_the_same_confidence_are_ranked_by_name()
    {
        var ranked = AssistModel.SumByDepartment([new("q2", 0.5), new("q1", 0.5)], q => q == "q1" ? "B" : "A");

        ranked.Select(d => d.Label).ShouldBe(["A", "B"]);
    }
}
