using System.Globalization;

namespace CityActors.Assist.Evaluation;

/// <summary>The figures of an <see cref="AssistReport"/> as lines a person reads.</summary>
public static class AssistReportText
{
    public static void Write(AssistReport r, TextWriter output)
    {
        string P(double v) => (100 * v).ToString("0.0", CultureInfo.InvariantCulture) + " %";
        output.WriteLine($"model {r.Model}: {r.Cases} unseen requests, {r.TitleDiffers} with a title other than the type name");
        foreach (var (name, a) in new[] { ("all", r.Matter.All), ("title differs", r.Matter.TitleDiffers) })
        {
            output.WriteLine($"matter [{name}]: top-1 {P(a.Top1)}, top-3 {P(a.Top3)}; rules-only {P(a.RulesTop1)}, majority {P(a.MajorityTop1)}");
        }

        output.WriteLine($"matter confidence calibration error (ECE, 10 bins): {r.CalibrationError:0.0000}");
        foreach (var (name, d) in new[] { ("all", r.Dispatch.All), ("title differs", r.Dispatch.TitleDiffers) })
        {
            output.WriteLine($"dispatch [{name}]: queue {P(d.Queue)} (rules-only {P(d.RulesQueue)}, majority {P(d.MajorityQueue)}, end to end {P(d.EndToEndQueue)}), " +
                $"department {P(d.Department)} (rules-only {P(d.RulesDepartment)})");
        }

        foreach (var (name, gate) in new[] { ("queue-level gate", r.Gate), ("department-level gate (automatic dispatch)", r.DepartmentGate) })
        {
            output.WriteLine($"{name} at shipped threshold {gate.Shipped.Threshold:0.0000}: {P(gate.Shipped.Share)} automatic at {P(gate.Shipped.Precision)} precision");
            output.WriteLine($"{name} best for 95 % on these cases (upper bound, threshold {gate.BestAt95.Threshold:0.0000}): {P(gate.BestAt95.Share)} at {P(gate.BestAt95.Precision)}; " +
                $"rules-only {P(gate.RulesAt95.Share)} at {P(gate.RulesAt95.Precision)}");
            foreach (var point in gate.Curve)
            {
                output.WriteLine($"  threshold {point.Threshold:0.00}: {P(point.Share)} automatic, precision {P(point.Precision)}");
            }
        }

        var d2 = r.Duplicates;
        output.WriteLine($"duplicates ({d2.Labelled} labelled): model P {P(d2.Model.Precision)} R {P(d2.Model.Recall)} F1 {d2.Model.F1:0.000}; " +
            $"intake rule P {P(d2.IntakeRule.Precision)} R {P(d2.IntakeRule.Recall)} F1 {d2.IntakeRule.F1:0.000}");
        var t = r.Resolution;
        output.WriteLine($"resolution time MAE over {t.Closed} closed: model {t.ModelMae:0.0} h, per-type median {t.TypeMedianMae:0.0} h, similar cases {t.SimilarCasesMae:0.0} h; " +
            $"median absolute error: model {t.ModelMedianError:0.0} h, per-type median {t.TypeMedianMedianError:0.0} h; similar cases found for {P(t.SimilarFound)}");
        output.WriteLine($"owner drift: {r.OwnerDrift.Count} types whose usual department differs from the listed one");
        foreach (var drift in r.OwnerDrift.Take(10))
        {
            output.WriteLine($"  {drift.Type}: listed {drift.ListedDepartment} ({P(drift.ListedShare)}), now mostly {drift.ActualDepartment} ({drift.Requests} requests)");
        }

        output.WriteLine($"latency per suggestion over {r.Latency.Suggestions}: p50 {r.Latency.P50Ms:0.000} ms, p99 {r.Latency.P99Ms:0.000} ms, max {r.Latency.MaxMs:0.000} ms");
    }
}
