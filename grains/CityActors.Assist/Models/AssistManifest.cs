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

    /// <summary>Queue level: the most probable queue's confidence at or above which the queue suggestion is sure
    /// enough to take unasked (<see cref="DispatchSuggestion.Automatic"/>).</summary>
    public required double GateThreshold { get; init; }

    /// <summary>The precision both gate thresholds were chosen to reach on the validation requests.</summary>
    public required double GateTargetPrecision { get; init; }

    /// <summary>Department level, what automatic dispatch uses: the summed probability of the most probable
    /// department's queues at or above which a case is dispatched to that department without a person. Chosen on the
    /// validation requests like <see cref="GateThreshold"/>. Null in models trained before it existed; see
    /// <see cref="DepartmentGate"/>.</summary>
    public double? DepartmentGateThreshold { get; init; }

    /// <summary>The department-level threshold in force. A model without one keeps the gate it shipped with: its
    /// queue-level threshold compared with the department's summed probability, so a city's automatic dispatch does
    /// not change under it until it ships a retrained model.</summary>
    [JsonIgnore]
    public double DepartmentGate => DepartmentGateThreshold ?? GateThreshold;

    public required double DuplicateThreshold { get; init; }

    /// <summary>Type → the queue most of its requests went to: the one-owner-per-matter table a catalogue writes down.</summary>
    public required IReadOnlyDictionary<string, string> CatalogueQueue { get; init; }

    /// <summary>Type → the share of its training requests that went to its catalogue queue.</summary>
    public required IReadOnlyDictionary<string, double> CatalogueShare { get; init; }

    /// <summary>Type → the share of its training requests that went to its catalogue queue's department (the
    /// one-owner table at department level). Null in models trained before it existed; the evaluation then falls back
    /// to <see cref="CatalogueShare"/>, which never exceeds it.</summary>
    public IReadOnlyDictionary<string, double>? CatalogueDepartmentShare { get; init; }

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
