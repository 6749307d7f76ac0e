namespace CityActors.GrainInterfaces.City;

/// <summary>Identity and place of an org-level grain, as the city package defines it.</summary>
/// <param name="Code">Grid, community, centre or department code.</param>
/// <param name="Name">Display name.</param>
/// <param name="Level">city, district, street, community or grid.</param>
/// <param name="UnitCode">The org unit the grain belongs to (its own code for grid cells and communities).</param>
/// <param name="Parents">Codes of the enclosing units, nearest first.</param>
[GenerateSerializer, Immutable, Alias("cityactors.org-info")]
public sealed record OrgInfo(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string Level,
    [property: Id(3)] string UnitCode,
    [property: Id(4)] IReadOnlyList<string> Parents);
