namespace CityActors.Deadlines;

/// <summary>Identifies one deadline: the grain that set it and the name it gave it. A grain has at most one pending deadline per name.</summary>
[GenerateSerializer, Immutable]
public readonly record struct DeadlineKey(
    [property: Id(0)] GrainId Grain,
    [property: Id(1)] string Name)
{
    public override string ToString() => $"{Grain}#{Name}";
}
