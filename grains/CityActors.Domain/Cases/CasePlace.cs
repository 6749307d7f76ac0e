namespace CityActors.Domain.Cases;

/// <summary>Where a case is in the hierarchy, resolved through the city model at intake.</summary>
public sealed record CasePlace(
    string? GridCode,
    string CommunityCode,
    string StreetCode,
    string DistrictCode,
    double? Longitude,
    double? Latitude,
    string? Address);
