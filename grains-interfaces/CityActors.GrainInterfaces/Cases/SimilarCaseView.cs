namespace CityActors.GrainInterfaces.Cases;

/// <summary>
/// A closed case like the one at hand and how the city resolved it. Carries no reporter: what is shared is the report,
/// the place's distance and the handling, never who called.
/// </summary>
/// <param name="Id">The closed case.</param>
/// <param name="MatterCode">Its catalogue matter (the same as the case at hand's).</param>
/// <param name="MatterName">The matter's name in the catalogue.</param>
/// <param name="Description">What was reported.</param>
/// <param name="ClosedAt">When it was closed (结案).</param>
/// <param name="HandlingHours">Hours from report to closure.</param>
/// <param name="Closure">How it was resolved: the lead department's handling feedback, then the closing inspection's note.</param>
/// <param name="DistanceMeters">From the case at hand; null when either is reported by address only.</param>
/// <param name="Score">How alike (0–1): half word overlap of the descriptions, half nearness.</param>
[GenerateSerializer, Immutable, Alias("cityactors.similar-case")]
public sealed record SimilarCaseView(
    [property: Id(0)] string Id,
    [property: Id(1)] string MatterCode,
    [property: Id(2)] string MatterName,
    [property: Id(3)] string Description,
    [property: Id(4)] DateTimeOffset ClosedAt,
    [property: Id(5)] double HandlingHours,
    [property: Id(6)] string Closure,
    [property: Id(7)] double? DistanceMeters,
    [property: Id(8)] double Score);
