using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;

namespace CityActors.Grains.Cases;

/// <summary>Asks the duplicate tiles around a new report for open cases nearby (tiles are not cases, so this never waits on a case).</summary>
internal static class CaseDuplicates
{
    /// <summary>Open cases of <paramref name="matterCode"/> within the rules' radius and window: intake's rule.</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(IGrainFactory grains, CaseDecider decider, CasePlace place, string matterCode, DateTimeOffset now)
    {
        var radius = decider.Rules.DuplicateRadiusMeters;
        var since = now - decider.Rules.DuplicateWindow;
        var found = await AskTilesAsync(grains, decider, place, radius, (tile, x, y) => tile.FindNear(matterCode, x, y, radius, since));
        return [.. found.Distinct()];
    }

    /// <summary>Every open case within <paramref name="radius"/> metres reported since <paramref name="since"/>, of any
    /// matter (what the learned duplicate score weighs).</summary>
    public static async Task<IReadOnlyList<DuplicateCandidate>> CandidatesAsync(IGrainFactory grains, CaseDecider decider, CasePlace place, double radius, DateTimeOffset since)
    {
        var found = await AskTilesAsync(grains, decider, place, radius, (tile, x, y) => tile.CandidatesNear(x, y, radius, since));
        return [.. found.DistinctBy(c => c.CaseId)];
    }

    /// <summary>Asks every tile within <paramref name="radius"/> of the place's point on the city's metric plane; nothing
    /// for a place without a point or when duplicate detection is off (<see cref="CaseRules.DuplicateRadiusMeters"/> 0).</summary>
    private static async Task<IEnumerable<T>> AskTilesAsync<T>(
        IGrainFactory grains, CaseDecider decider, CasePlace place, double radius, Func<IDuplicateTileGrain, double, double, Task<IReadOnlyList<T>>> ask)
    {
        if (place.Longitude is null || decider.Rules.DuplicateRadiusMeters <= 0)
        {
            return [];
        }

        var (x, y) = decider.City.Projection.Forward(place.Longitude.Value, place.Latitude!.Value);
        var found = await Task.WhenAll(DuplicateIndex.TilesAround(x, y, radius)
            .Select(t => ask(grains.GetGrain<IDuplicateTileGrain>(DuplicateIndex.TileKey(t)), x, y)));
        return found.SelectMany(f => f);
    }
}
