namespace CityActors.Domain.Reference;

/// <summary>Where a point lies: its grid cell, community, street and district (codes and names).</summary>
public sealed record PlaceLookup(double Longitude, double Latitude, OrgUnitSummary Grid, OrgUnitSummary Community, OrgUnitSummary Street, OrgUnitSummary District);
