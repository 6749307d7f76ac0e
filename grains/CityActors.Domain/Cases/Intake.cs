using CityActors.Domain.Emergencies;

namespace CityActors.Domain.Cases;

/// <summary>What the silo found at a report's place before deciding it: probable duplicates, the emergency profile in
/// force and, when the city ships a model, its estimate of the resolution time.</summary>
public sealed record Intake(IReadOnlyList<string>? Duplicates, ActiveEmergency? Emergency, ResolutionEstimate? Estimate = null)
{
    public static readonly Intake None = new(null, null);
}
