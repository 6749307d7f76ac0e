namespace CityActors.Domain.City;

/// <summary>An operations centre (城运中心) of a city, district or street.</summary>
public sealed record OperationsCentre(string Code, string OrgUnitCode, OrgLevel Level, string Name);
