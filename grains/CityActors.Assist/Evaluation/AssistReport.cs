namespace CityActors.Assist.Evaluation;

/// <summary>Every figure of one evaluation; serialised as the JSON last line of <c>eval-assist</c>.</summary>
public sealed record AssistReport
{
    public required string Model { get; init; }
    public required int Cases { get; init; }
    public required int TitleDiffers { get; init; }
    public required ClassificationFigures Matter { get; init; }

    /// <summary>Expected calibration error of the top-1 matter confidence (10 bins): 0 is perfectly calibrated.</summary>
    public required double CalibrationError { get; init; }

    public required DispatchFigures Dispatch { get; init; }
    /// <summary>Queue level: the best queue's confidence, right when it is the queue the city used.</summary>
    public required GateFigures Gate { get; init; }

    /// <summary>Department level, what automatic dispatch uses: the summed probability of the best department's
    /// queues, right when it is the department the city used; its rules-only gate is the one-owner table's department.</summary>
    public required GateFigures DepartmentGate { get; init; }
    public required DuplicateFigures Duplicates { get; init; }
    public required ResolutionFigures Resolution { get; init; }
    public required IReadOnlyList<OwnerDrift> OwnerDrift { get; init; }
    public required LatencyFigures Latency { get; init; }
}

public sealed record ClassificationFigures(Accuracies All, Accuracies TitleDiffers);

/// <summary>Matter accuracy: the model's top-1 and top-3, the rules-only (title names a type) and the majority class.</summary>
public sealed record Accuracies(int Cases, double Top1, double Top3, double RulesTop1, double MajorityTop1);

public sealed record DispatchFigures(DispatchAccuracies All, DispatchAccuracies TitleDiffers);

/// <summary>Dispatch accuracy given the true matter (model, rules-only one-owner table, majority queue) and with the
/// model's own top matter (end to end).</summary>
public sealed record DispatchAccuracies(double Queue, double Department, double RulesQueue, double RulesDepartment, double MajorityQueue, double EndToEndQueue);

/// <summary>A gate (queue or department level) at the shipped threshold, at the best threshold for 95 % read off these very cases (an upper
/// bound), the rules-only gate (auto-dispatch the types whose listed queue was right often enough) and the curve.</summary>
public sealed record GateFigures(GatePoint Shipped, GatePoint BestAt95, GatePoint RulesAt95, IReadOnlyList<GatePoint> Curve);

public sealed record DuplicateFigures(int Labelled, Prf Model, Prf IntakeRule);

public sealed record Prf(int Predicted, int TruePositives, double Precision, double Recall, double F1)
{
    public static Prf Of(IReadOnlyList<(bool Predicted, bool Label)> outcomes)
    {
        var predicted = outcomes.Count(o => o.Predicted);
        var positives = outcomes.Count(o => o.Label);
        var hits = outcomes.Count(o => o.Predicted && o.Label);
        var precision = predicted == 0 ? 0 : (double)hits / predicted;
        var recall = positives == 0 ? 0 : (double)hits / positives;
        return new Prf(predicted, hits, precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
    }
}

/// <summary>Absolute error in hours over the closed cases: the mean for the model, the per-type median and the median of
/// the five most similar closed cases; the median error for the model and the per-type median; the share of cases
/// that found a similar closed case.</summary>
public sealed record ResolutionFigures(
    int Closed, double ModelMae, double TypeMedianMae, double SimilarCasesMae, double ModelMedianError, double TypeMedianMedianError, double SimilarFound);

public sealed record OwnerDrift(string Type, string ListedDepartment, string ActualDepartment, int Requests, double ListedShare);

public sealed record LatencyFigures(int Suggestions, double P50Ms, double P99Ms, double MaxMs);
