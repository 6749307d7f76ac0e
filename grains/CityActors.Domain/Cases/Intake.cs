using CityActors.Domain.Emergencies;

namespace CityActors.Domain.Cases;

/// <summary>What the silo found at a report's place before deciding it: probable duplicates by intake's rule, the
/// emergency profile in force and, when the city ships a model, its estimate of the resolution time and its duplicate
/// assessment (which, when present, decides duplicates instead of the rule's list).</summary>
public sealed record Intake(IReadOnlyList<string>? Duplicates, ActiveEmergency? Emergency, ResolutionEstimate? Estimate = null, DuplicateAssessment? DuplicateScore = null)
{
    public static readonly Intake None = new(null, null);
}
