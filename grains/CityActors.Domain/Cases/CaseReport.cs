using CityActors.Domain.Matters;

namespace CityActors.Domain.Cases;

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
