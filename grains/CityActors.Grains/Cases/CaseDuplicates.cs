using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;

namespace CityActors.Grains.Cases;

/// <summary>Asks the duplicate tiles around a new report for open cases nearby (tiles are not cases, so this never waits on a case).</summary>
internal static class CaseDuplicates
{
    public static async Task<IReadOnlyList<string>> FindAsync(IGrainFactory grains, CaseDecider decider, CasePlace place, string matterCode, DateTimeOffset now)
    {
        if (place.Longitude is null || decider.Rules.DuplicateRadiusMeters <= 0)
        {
            return [];
        }

        var (x, y) = decider.City.Projection.Forward(place.Longitude.Value, place.Latitude!.Value);
        var radius = decider.Rules.DuplicateRadiusMeters;
        var since = now - decider.Rules.DuplicateWindow;
        var found = await Task.WhenAll(DuplicateIndex.TilesAround(x, y, radius)
            .Select(t => grains.GetGrain<IDuplicateTileGrain>(DuplicateIndex.TileKey(t)).FindNear(matterCode, x, y, radius, since)));
        return [.. found.SelectMany(f => f).Distinct()];
    }

    /// <summary>Every open case within <paramref name="radius"/> metres reported since <paramref name="since"/>, of any
    /// matter (what the learned duplicate score weighs); none for a place without a point or when duplicate detection
    /// is off (<see cref="CaseRules.DuplicateRadiusMeters"/> 0).</summary>
    public static async Task<IReadOnlyList<DuplicateCandidate>> CandidatesAsync(IGrainFactory grains, CaseDecider decider, CasePlace place, double radius, DateTimeOffset since)
    {
        if (place.Longitude is null || decider.Rules.DuplicateRadiusMeters <= 0)
        {
            return [];
        }

        var (x, y) = decider.City.Projection.Forward(place.Longitude.Value, place.Latitude!.Value);
        var found = await Task.WhenAll(DuplicateIndex.TilesAround(x, y, radius)
            .Select(t => grains.GetGrain<IDuplicateTileGrain>(DuplicateIndex.TileKey(t)).CandidatesNear(x, y, radius, since)));
        return [.. found.SelectMany(f => f).DistinctBy(c => c.CaseId)];
    }
}
