using CityActors.Assist.History;

namespace CityActors.Assist.Duplicates;

/// <summary>
/// Gathers <see cref="DuplicateEvidence"/> for requests against the history before them: the candidates are requests
/// opened in the <see cref="Window"/> before, still open then, within <see cref="RadiusMeters"/>.
/// </summary>
internal sealed class DuplicateFinder
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(72);
    public const double RadiusMeters = 300;

    private readonly List<ServiceRequest> byOpening;
    private readonly DateTime[] openings;
    private readonly HashSet<string>[] words;

    public DuplicateFinder(IEnumerable<ServiceRequest> history)
    {
        byOpening = [.. history.Where(r => r.IsLocated).OrderBy(r => r.Opened).ThenBy(r => r.Id, StringComparer.Ordinal)];
        openings = [.. byOpening.Select(r => r.Opened)];
        words = [.. byOpening.Select(r => TextSimilarity.Words(r.Title))];
    }

    public DuplicateEvidence Evidence(ServiceRequest request)
    {
        var evidence = DuplicateEvidence.NoneFound(request.Type, request.Channel);
        evidence.Label = request.ClosedAsDuplicate;
        if (request.Latitude is not { } lat || request.Longitude is not { } lon)
        {
            return evidence;
        }

        var text = TextSimilarity.Words(request.Title);
        var end = LowerBound(request.Opened);
        var start = LowerBound(request.Opened - Window);
        for (var i = start; i < end; i++)
        {
            var other = byOpening[i];
            if (other.Id == request.Id || other.Closed is { } closed && closed <= request.Opened)
            {
                continue;
            }

            var meters = Geo.Meters(lat, lon, other.Latitude!.Value, other.Longitude!.Value);
            if (meters > RadiusMeters)
            {
                continue;
            }

            evidence.Weigh(other.Id, other.Type == request.Type, meters, (request.Opened - other.Opened).TotalHours, TextSimilarity.Jaccard(text, words[i]));
        }

        return evidence;
    }

    private int LowerBound(DateTime time)
    {
        var index = Array.BinarySearch(openings, time);
        if (index < 0)
        {
            return ~index;
        }

        while (index > 0 && openings[index - 1] == time)
        {
            index--;
        }

        return index;
    }
}
