using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityActors.Assist.Models;

/// <summary>
/// manifest.json of a model artefact: what it was trained on and the values chosen on held-out history (the gate
/// threshold, the duplicate threshold) that ship with it, plus the plain tables the rules and baselines need.
/// </summary>
public sealed record AssistManifest
{
    public const string CurrentFormat = "cityactors-assist/1";

    public required string Format { get; init; }

    /// <summary>Names the model: the training history's digest, the cut-off and the seed.</summary>
    public required string Version { get; init; }

    public required string Schema { get; init; }

    public required string HistorySha256 { get; init; }

    /// <summary>Trained on requests opened before this instant; evaluation takes only requests from it on.</summary>
    public required DateTime TrainedUntil { get; init; }

    /// <summary>The gate and duplicate thresholds were chosen on requests opened from this instant to
    /// <see cref="TrainedUntil"/>, by models trained on what came before.</summary>
    public required DateTime ValidationFrom { get; init; }

    public required int Seed { get; init; }

    public required int TrainingRows { get; init; }

    /// <summary>Dispatch confidence at or above which a case is dispatched without a person.</summary>
    public required double GateThreshold { get; init; }

    /// <summary>The precision the gate threshold was chosen to reach on the validation requests.</summary>
    public required double GateTargetPrecision { get; init; }

    public required double DuplicateThreshold { get; init; }

    /// <summary>Type → the queue most of its requests went to: the one-owner-per-matter table a catalogue writes down.</summary>
    public required IReadOnlyDictionary<string, string> CatalogueQueue { get; init; }

    /// <summary>Type → the share of its training requests that went to its catalogue queue.</summary>
    public required IReadOnlyDictionary<string, double> CatalogueShare { get; init; }

    public required IReadOnlyDictionary<string, string> QueueDepartment { get; init; }

    /// <summary>Type → median hours to closure.</summary>
    public required IReadOnlyDictionary<string, double> MedianHours { get; init; }

    public required string MajorityType { get; init; }

    public required string MajorityQueue { get; init; }

    public required double OverallMedianHours { get; init; }

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
