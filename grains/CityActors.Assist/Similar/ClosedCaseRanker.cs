using CityActors.Domain.Cases;

namespace CityActors.Assist.Similar;

/// <summary>
/// "How were cases like this resolved" from the city's own closed cases: the read model hands over the most recently
/// closed cases of the case's matter around it (<see cref="CandidateBox"/>, at most <see cref="LookBack"/>), and this
/// ranks them by <see cref="Similarity"/>, best first, leaving out the case itself and anything not closed.
/// </summary>
public static class ClosedCaseRanker
{
    /// <summary>How many recent closed cases are scored: recent handling says more than old, and a query stays cheap.</summary>
    public const int LookBack = 400;

    /// <summary>Half-width of the search box. Beyond it nearness is below e^(−5) and only the words could count.</summary>
    public const double RadiusMeters = 5000;

    private const double MetersPerDegreeLatitude = 111_320;

    /// <summary>The box around a located case inside which similar cases are looked for; null for a case reported by
    /// address only (then the matter's recent closed cases anywhere in the city are scored on their words alone).</summary>
    public static BoundingBox? CandidateBox(CasePlace place)
    {
        ArgumentNullException.ThrowIfNull(place);
        if (place.Latitude is not { } lat || place.Longitude is not { } lon)
        {
            return null;
        }

        var dLat = RadiusMeters / MetersPerDegreeLatitude;
        var dLon = RadiusMeters / (MetersPerDegreeLatitude * Math.Max(Math.Cos(lat * Math.PI / 180), 0.01));
        return new BoundingBox(lon - dLon, Math.Max(lat - dLat, -90), lon + dLon, Math.Min(lat + dLat, 90));
    }

    /// <summary>The <paramref name="limit"/> closed cases most like <paramref name="target"/>, best first (ties: the
    /// more recently closed first, then by id).</summary>
    public static IReadOnlyList<RankedCase> Rank(CaseView target, IEnumerable<CaseView> candidates, int limit)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var words = Similarity.Words(target.Description);
        return
        [
            .. candidates
                .Where(c => c.Id != target.Id && c.Status == CaseStatus.Closed && c.ClosedAt is not null && c.MatterCode == target.MatterCode)
                .Select(c =>
                {
                    var meters = Similarity.Meters(target.Place.Latitude, target.Place.Longitude, c.Place.Latitude, c.Place.Longitude);
                    return new RankedCase(c, meters, Similarity.Score(words, Similarity.Words(c.Description), meters));
                })
                .OrderByDescending(r => r.Score)
                .ThenByDescending(r => r.Case.ClosedAt)
                .ThenBy(r => r.Case.Id, StringComparer.Ordinal)
                .Take(limit),
        ];
    }

    /// <summary>How the case was resolved, in the city's words: the lead department's handling feedback, then the
    /// closing inspection's note when there is one.</summary>
    public static string Closure(CaseView closed)
    {
        ArgumentNullException.ThrowIfNull(closed);
        string[] parts = [.. new[] { closed.HandlingFeedback, closed.ClosingNote }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim())];
        return string.Join(" — ", parts);
    }

    /// <summary>Hours from report to closure.</summary>
    public static double HandlingHours(CaseView closed)
    {
        ArgumentNullException.ThrowIfNull(closed);
        return closed.ClosedAt is { } at ? (at - closed.ReportedAt).TotalHours : throw new ArgumentException($"Case {closed.Id} is not closed.", nameof(closed));
    }
}

/// <summary>A closed case with its distance from the case at hand (null when either is not located) and its score (0–1).</summary>
public sealed record RankedCase(CaseView Case, double? Meters, double Score);
