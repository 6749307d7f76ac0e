using CityActors.Domain.Emergencies;

namespace CityActors.Domain.Cases;

/// <summary>What the silo found at a report's place before deciding it: probable duplicates and the emergency profile in force.</summary>
public sealed record Intake(IReadOnlyList<string>? Duplicates, ActiveEmergency? Emergency)
{
    public static readonly Intake None = new(null, null);
}
