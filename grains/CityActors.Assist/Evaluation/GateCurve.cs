namespace CityActors.Assist.Evaluation;

/// <summary>
/// Share of cases decided automatically against the precision of those decisions, as the confidence threshold moves.
/// </summary>
public static class GateCurve
{
    /// <summary>The lowest threshold whose automatic decisions reach <paramref name="precision"/>, taking the largest
    /// share that does; above 1 (nothing automatic) when no threshold reaches it.</summary>
    public static double ThresholdFor(IReadOnlyList<(double Confidence, bool Correct)> outcomes, double precision)
    {
        var sorted = outcomes.OrderByDescending(o => o.Confidence).ToList();
        var threshold = 1.01;
        var correct = 0;
        for (var i = 0; i < sorted.Count; i++)
        {
            correct += sorted[i].Correct ? 1 : 0;

            // A threshold sits between distinct confidences: all cases at the same confidence go together.
            var lastOfTies = i == sorted.Count - 1 || sorted[i + 1].Confidence < sorted[i].Confidence;
            if (lastOfTies && (double)correct / (i + 1) >= precision)
            {
                threshold = sorted[i].Confidence;
            }
        }

        return threshold;
    }

    public static GatePoint At(IReadOnlyList<(double Confidence, bool Correct)> outcomes, double threshold)
    {
        var automatic = outcomes.Where(o => o.Confidence >= threshold).ToList();
        return new GatePoint(
            threshold,
            outcomes.Count == 0 ? 0 : (double)automatic.Count / outcomes.Count,
            automatic.Count == 0 ? 1 : (double)automatic.Count(o => o.Correct) / automatic.Count);
    }
}

/// <summary>At a threshold: the share of cases above it and the precision among them.</summary>
public sealed record GatePoint(double Threshold, double Share, double Precision);
