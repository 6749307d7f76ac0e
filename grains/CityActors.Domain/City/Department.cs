namespace CityActors.Domain.City;

/// <summary>A department (委办局 / 承办单位) at city, district or street level; <see cref="Agency"/> groups a city department with its offices.</summary>
public sealed record Department(string Code, string Name, OrgLevel Level, string OrgUnitCode, string Agency);
