namespace CityActors.Domain.Cases;

/// <summary>
/// Where a report says the matter is: a WGS84 point, or an address with the org unit (grid cell or community) the
/// hotline operator picked for it. With both, the point decides.
/// </summary>
public sealed record ReportedLocation(double? Longitude = null, double? Latitude = null, string? Address = null, string? UnitCode = null)
{
    public static ReportedLocation At(double longitude, double latitude) => new(longitude, latitude);

    public bool HasPoint => Longitude is not null && Latitude is not null;
}
