namespace CityActors.Deadlines;

/// <summary>A pending deadline as the deadline table stores it.</summary>
[GenerateSerializer, Immutable]
public readonly record struct DeadlineEntry(
    [property: Id(0)] DeadlineKey Key,
    [property: Id(1)] DateTimeOffset Due);
