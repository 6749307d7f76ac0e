namespace CityActors.Domain.Matters;

/// <summary>How fast a case must be dealt with; the catalogue gives each urgency its own stage limits.</summary>
public enum Urgency
{
    Normal,
    Urgent,
}
