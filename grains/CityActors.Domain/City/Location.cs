namespace CityActors.Domain.City;

/// <summary>Where a point is in the hierarchy; <see cref="IsInsideCity"/> is false for points outside every grid cell.</summary>
public sealed record Location(OrgUnit? Grid, OrgUnit? Community, OrgUnit? Street, OrgUnit? District)
{
    public static readonly Location Outside = new(null, null, null, null);

    public bool IsInsideCity => Grid is not null;
}
