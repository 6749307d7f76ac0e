using CityActors.Domain.Matters;

namespace CityActors.Domain.Cases;

/// <summary>How to reach the person who reported (all optional: sensors and anonymous reports have none).</summary>
public sealed record Reporter(string? Name = null, string? Phone = null, string? CitizenId = null);

/// <summary>
/// Where a report says the matter is: a WGS84 point, or an address with the org unit (grid cell or community) the
/// hotline operator picked for it. With both, the point decides.
/// </summary>
public sealed record ReportedLocation(double? Longitude = null, double? Latitude = null, string? Address = null, string? UnitCode = null)
{
    public static ReportedLocation At(double longitude, double latitude) => new(longitude, latitude);

    public bool HasPoint => Longitude is not null && Latitude is not null;
}

/// <summary>Everything a channel delivers about a new case.</summary>
/// <param name="Channel">Where it came from.</param>
/// <param name="ExternalId">The channel's own id of the report; the same id returns the same case.</param>
/// <param name="MatterCode">The catalogue matter (事项) the channel classified it as.</param>
/// <param name="Description">What the reporter said or the detector saw.</param>
/// <param name="Location">Where.</param>
/// <param name="Reporter">Who to call back.</param>
/// <param name="Urgency">Normal unless the channel marks it urgent.</param>
/// <param name="CategoryGuess">The channel's own category text (an Open311 service name, an AI label), kept as reported.</param>
/// <param name="Photos">References to photos or video stored elsewhere.</param>
public sealed record CaseReport(
    Channel Channel,
    string ExternalId,
    string MatterCode,
    string Description,
    ReportedLocation Location,
    Reporter? Reporter = null,
    Urgency Urgency = Urgency.Normal,
    string? CategoryGuess = null,
    IReadOnlyList<string>? Photos = null);

/// <summary>Where a case is in the hierarchy, resolved through the city model at intake.</summary>
public sealed record CasePlace(
    string? GridCode,
    string CommunityCode,
    string StreetCode,
    string DistrictCode,
    double? Longitude,
    double? Latitude,
    string? Address);
