using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;

namespace CityActors.Grains.Cases;

/// <summary>Asks the duplicate tiles around a new report for open cases of the same matter nearby (tiles are not cases, so this never waits on a case).</summary>
internal static class CaseDuplicates
{
    public static async Task<IReadOnlyList<string>> FindAsync(IGrainFactory grains, CaseDecider decider, CaseReport report, DateTimeOffset now)
    {
        var place = decider.Locate(report.Location);
        if (place.Longitude is null || decider.Rules.DuplicateRadiusMeters <= 0)
        {
            return [];
        }

        var (x, y) = decider.City.Projection.Forward(place.Longitude.Value, place.Latitude!.Value);
        var radius = decider.Rules.DuplicateRadiusMeters;
        var since = now - decider.Rules.DuplicateWindow;
        var found = await Task.WhenAll(DuplicateIndex.TilesAround(x, y, radius)
            .Select(t => grains.GetGrain<IDuplicateTileGrain>(DuplicateIndex.TileKey(t)).FindNear(report.MatterCode, x, y, radius, since)));
        return [.. found.SelectMany(f => f).Distinct()];
    }
}
