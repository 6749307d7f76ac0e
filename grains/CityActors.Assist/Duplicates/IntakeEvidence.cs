using CityActors.Domain.Cases;

namespace CityActors.Assist.Duplicates;

/// <summary>
/// <see cref="DuplicateEvidence"/> for a new case from the open cases the duplicate index found near it, defined exactly
/// as <see cref="DuplicateFinder"/> defines it over history (the evidence the scorer learned from): candidates opened in
/// the <see cref="DuplicateFinder.Window"/> before, within <see cref="DuplicateFinder.RadiusMeters"/>; "same type" is
/// the case's own matter. The best candidate is the nearest open case of the same matter.
/// </summary>
internal static class IntakeEvidence
{
    private const double NearbyMeters = 100;

    public static DuplicateEvidence From(string type, string channel, string caseId, string matterCode, string text, DateTimeOffset reportedAt, IEnumerable<DuplicateCandidate> candidates)
    {
        var evidence = new DuplicateEvidence
        {
            Type = type,
            Channel = channel,
            SameTypeMeters = (float)DuplicateFinder.RadiusMeters * 2,
            SameTypeHours = (float)DuplicateFinder.Window.TotalHours * 2,
            AnyMeters = (float)DuplicateFinder.RadiusMeters * 2,
        };
        var words = TextSimilarity.Words(text);
        var since = reportedAt - DuplicateFinder.Window;
        foreach (var other in candidates.OrderBy(c => c.ReportedAt).ThenBy(c => c.CaseId, StringComparer.Ordinal))
        {
            if (other.CaseId == caseId || other.ReportedAt < since || other.ReportedAt >= reportedAt || other.Meters > DuplicateFinder.RadiusMeters)
            {
                continue;
            }

            var similarity = TextSimilarity.Jaccard(words, TextSimilarity.Words(other.Text));
            var sameMatter = other.MatterCode == matterCode;
            evidence.AnyMeters = Math.Min(evidence.AnyMeters, (float)other.Meters);
            if (other.Meters <= NearbyMeters)
            {
                evidence.AnyTextSimilarity = Math.Max(evidence.AnyTextSimilarity, (float)similarity);
                evidence.OtherTypeNearby += sameMatter ? 0 : 1;
            }

            if (!sameMatter)
            {
                continue;
            }

            evidence.SameTypeNearby += other.Meters <= NearbyMeters ? 1 : 0;
            evidence.SameTypeTextSimilarity = Math.Max(evidence.SameTypeTextSimilarity, (float)similarity);
            evidence.MatchesIntakeRule |= other.Meters <= 50 && (reportedAt - other.ReportedAt).TotalHours <= 24;
            if (other.Meters < evidence.SameTypeMeters)
            {
                evidence.SameTypeMeters = (float)other.Meters;
                evidence.SameTypeHours = (float)(reportedAt - other.ReportedAt).TotalHours;
                evidence.BestCandidateId = other.CaseId;
            }
        }

        return evidence;
    }
}
