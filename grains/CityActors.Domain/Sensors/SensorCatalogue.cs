namespace CityActors.Domain.Sensors;

/// <summary>A city's sensor defaults per kind and the fleet its package ships.</summary>
public sealed record SensorCatalogue(IReadOnlyDictionary<SensorKind, SensorKindProfile> Kinds, IReadOnlyList<SensorPlacement> Fleet)
{
    public static readonly SensorCatalogue Empty = new(new Dictionary<SensorKind, SensorKindProfile>(), []);
}
