using CityActors.Domain.Cases;
using CityActors.Domain.City;
using CityActors.GrainInterfaces.Cases;

namespace CityActors.Grains.Cases;

/// <summary>
/// The open cases of one tile for duplicate detection. The index is derived data: rebuilt from the read model on
/// activation, then kept current by case intake (add) and the case projection (add on report, remove when ended).
/// </summary>
public sealed class DuplicateTileGrain(CityModel city, ICaseReadModel cases) : Grain, IDuplicateTileGrain
{
    private readonly DuplicateIndex _index = new();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var parts = key.Split(':');
        if (parts.Length != 2 || !long.TryParse(parts[0], out var tx) || !long.TryParse(parts[1], out var ty))
        {
            throw new ArgumentException($"Duplicate tile key '{key}' is not 'x:y'.");
        }

        // The tile's square on the metric plane, widened by a metre so edge points are not lost to rounding.
        var size = DuplicateIndex.TileSizeMeters;
        var (west, south) = city.Projection.Inverse((tx * size) - 1, (ty * size) - 1);
        var (east, north) = city.Projection.Inverse(((tx + 1) * size) + 1, ((ty + 1) * size) + 1);
        var query = new CaseQuery(
            Statuses: CaseStatuses.Open,
            Box: new BoundingBox(west, south, east, north),
            Limit: CaseQuery.MaxLimit);
        var canonical = DuplicateIndex.TileKey((tx, ty));
        for (string? after = null; ;)
        {
            var page = await cases.QueryAsync(query with { After = after }, cancellationToken);
            foreach (var view in page.Cases)
            {
                if (DuplicateIndex.MarkOf(city.Projection, view) is { } open && open.Tile == canonical)
                {
                    _index.Add(open.Mark);
                }
            }

            if ((after = page.Next) is null)
            {
                break;
            }
        }
    }

    public Task Add(OpenCaseMark mark)
    {
        _index.Add(mark);
        return Task.CompletedTask;
    }

    public Task Remove(string caseId)
    {
        _index.Remove(caseId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> FindNear(string matterCode, double x, double y, double radiusMeters, DateTimeOffset reportedSince) =>
        Task.FromResult(_index.FindNear(matterCode, x, y, radiusMeters, reportedSince));

    public Task<IReadOnlyList<DuplicateCandidate>> CandidatesNear(double x, double y, double radiusMeters, DateTimeOffset reportedSince) =>
        Task.FromResult(_index.CandidatesNear(x, y, radiusMeters, reportedSince));
}
