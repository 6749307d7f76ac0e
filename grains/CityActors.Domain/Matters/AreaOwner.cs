namespace CityActors.Domain.Matters;

/// <summary>A department that owns a matter in part of the city (a road, a park), overriding the level owners there.</summary>
/// <param name="AreaCode">An org unit code; the rule applies to that unit and everything below it.</param>
/// <param name="DepartmentCode">The owning department.</param>
public sealed record AreaOwner(string AreaCode, string DepartmentCode);
