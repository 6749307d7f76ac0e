using CityActors.Domain.City;

namespace CityActors.Domain.Reference;

/// <summary>One org unit as front-ends see it: no boundary geometry, its operations centre, and how many units lie directly below.</summary>
public sealed record OrgUnitSummary(string Code, OrgLevel Level, string Name, string? ParentCode, string? Centre, int Children);
