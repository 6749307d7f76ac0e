using CityActors.Domain.Geography;

namespace CityActors.Domain.Cases;

/// <summary>
/// Open cases of one tile of the city, for duplicate detection: a new case of the same matter within the radius and the
/// time window of an open case is a probable duplicate. Tiles are squares of <see cref="TileSizeMeters"/> on the city's
/// local projection; a search looks in every tile the radius touches.
/// </summary>
public sealed class DuplicateIndex
{
    public const double TileSizeMeters = 1_000;

    private readonly Dictionary<string, OpenCaseMark> _marks = new(StringComparer.Ordinal);

    public int Count => _marks.Count;

    public static (long X, long Y) TileOf(double x, double y) => ((long)Math.Floor(x / TileSizeMeters), (long)Math.Floor(y / TileSizeMeters));

    /// <summary>The tiles a search of <paramref name="radius"/> metres around (x, y) must look in.</summary>
    public static IEnumerable<(long X, long Y)> TilesAround(double x, double y, double radius)
    {
        var (minX, minY) = TileOf(x - radius, y - radius);
        var (maxX, maxY) = TileOf(x + radius, y + radius);
        for (var tx = minX; tx <= maxX; tx++)
        {
            for (var ty = minY; ty <= maxY; ty++)
            {
                yield return (tx, ty);
            }
        }
    }

    public static string TileKey((long X, long Y) tile) => $"{tile.X}:{tile.Y}";

    /// <summary>An open case's mark and the key of its tile; null for a case located by address only (no point to measure from).</summary>
    public static (string Tile, OpenCaseMark Mark)? MarkOf(LocalProjection projection, string caseId, string matterCode, CasePlace place, DateTimeOffset reportedAt, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(place);
        if (place.Longitude is not { } longitude || place.Latitude is not { } latitude)
        {
            return null;
        }

        var (x, y) = projection.Forward(longitude, latitude);
        return (TileKey(TileOf(x, y)), new OpenCaseMark(caseId, matterCode, x, y, reportedAt, OpenCaseMark.TextOf(description)));
    }

    public static (string Tile, OpenCaseMark Mark)? MarkOf(LocalProjection projection, CaseView view) =>
        MarkOf(projection, view.Id, view.MatterCode, view.Place, view.ReportedAt, view.Description);

    public void Add(OpenCaseMark mark)
    {
        ArgumentNullException.ThrowIfNull(mark);
        _marks[mark.CaseId] = mark;
    }

    public bool Remove(string caseId) => _marks.Remove(caseId);

    public IReadOnlyList<string> FindNear(string matterCode, double x, double y, double radius, DateTimeOffset reportedSince) =>
        [.. _marks.Values
            .Where(m => m.MatterCode == matterCode && m.ReportedAt >= reportedSince && Math.Sqrt(((m.X - x) * (m.X - x)) + ((m.Y - y) * (m.Y - y))) <= radius)
            .OrderBy(m => m.ReportedAt)
            .Select(m => m.CaseId)];

    /// <summary>Every open case, of any matter, within <paramref name="radius"/> metres of (x, y) reported since
    /// <paramref name="reportedSince"/>: the candidates a learned duplicate score weighs. Oldest first.</summary>
    public IReadOnlyList<DuplicateCandidate> CandidatesNear(double x, double y, double radius, DateTimeOffset reportedSince) =>
        [.. _marks.Values
            .Where(m => m.ReportedAt >= reportedSince)
            .Select(m => (Mark: m, Meters: Math.Sqrt(((m.X - x) * (m.X - x)) + ((m.Y - y) * (m.Y - y)))))
            .Where(c => c.Meters <= radius)
            .OrderBy(c => c.Mark.ReportedAt).ThenBy(c => c.Mark.CaseId, StringComparer.Ordinal)
            .Select(c => new DuplicateCandidate(c.Mark.CaseId, c.Mark.MatterCode, c.Meters, c.Mark.ReportedAt, c.Mark.Text))];
}
