using CityActors.Assist.History;

namespace CityActors.Assist.Similar;

/// <summary>
/// Closed cases by type, for "how were cases like this resolved": among the most recent closed cases of the same type
/// closed before the case at hand, those whose text is most alike and that lay nearest.
/// </summary>
public sealed class SimilarCaseIndex
{
    // Recent cases say more about today's handling than old ones; a bounded look-back also keeps a query cheap.
    private const int LookBack = 400;

    private readonly Dictionary<string, List<Entry>> byType = new(StringComparer.Ordinal);

    public SimilarCaseIndex(IEnumerable<ServiceRequest> history)
    {
        foreach (var request in history.Where(r => r.ResolutionHours is not null).OrderBy(r => r.Closed).ThenBy(r => r.Id, StringComparer.Ordinal))
        {
            if (!byType.TryGetValue(request.Type, out var list))
            {
                byType[request.Type] = list = [];
            }

            list.Add(new Entry(request, Similarity.Words(request.Title)));
        }
    }

    /// <summary>The <paramref name="count"/> closed cases of <paramref name="type"/> most like the query, closed before
    /// <paramref name="asOf"/>, best first.</summary>
    public IReadOnlyList<SimilarCase> Find(string type, string title, double? latitude, double? longitude, DateTime asOf, int count)
    {
        if (!byType.TryGetValue(type, out var list))
        {
            return [];
        }

        var end = UpperBound(list, asOf);
        var words = Similarity.Words(title);
        var found = new List<SimilarCase>();
        for (var i = end - 1; i >= Math.Max(0, end - LookBack); i--)
        {
            var (other, otherWords) = list[i];
            var meters = Similarity.Meters(latitude, longitude, other.Latitude, other.Longitude);
            var score = Similarity.Score(words, otherWords, meters);
            found.Add(new SimilarCase(other.Id, other.Title, other.Closure, other.ResolutionHours!.Value, meters, score));
        }

        return [.. found.OrderByDescending(s => s.Score).ThenBy(s => s.Id, StringComparer.Ordinal).Take(count)];
    }

    private static int UpperBound(List<Entry> list, DateTime asOf)
    {
        int low = 0, high = list.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (list[mid].Request.Closed < asOf)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private readonly record struct Entry(ServiceRequest Request, HashSet<string> Words);
}
