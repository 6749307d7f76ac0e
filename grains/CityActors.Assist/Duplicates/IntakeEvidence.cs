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
    public static DuplicateEvidence From(string type, string channel, string caseId, string matterCode, string text, DateTimeOffset reportedAt, IEnumerable<DuplicateCandidate> candidates)
    {
        var evidence = DuplicateEvidence.NoneFound(type, channel);
        var words = TextSimilarity.Words(text);
        var since = reportedAt - DuplicateFinder.Window;
        foreach (var other in candidates.OrderBy(c => c.ReportedAt).ThenBy(c => c.CaseId, StringComparer.Ordinal))
        {
            if (other.CaseId == caseId || other.ReportedAt < since || other.ReportedAt >= reportedAt || other.Meters > DuplicateFinder.RadiusMeters)
            {
                continue;
            }

            evidence.Weigh(other.CaseId, other.MatterCode == matterCode, other.Meters, (reportedAt - other.ReportedAt).TotalHours, TextSimilarity.Jaccard(words, TextSimilarity.Words(other.Text)));
        }

        return evidence;
    }
}
