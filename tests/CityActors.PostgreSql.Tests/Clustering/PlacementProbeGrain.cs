using Orleans.Placement;

namespace CityActors.PostgreSql.Tests.Clustering;

/// <summary>Activates on the silo that first calls it, so a test chooses the silo by choosing the caller.</summary>
[PreferLocalPlacement]
public sealed class PlacementProbeGrain(ILocalSiloDetails silo) : Grain, IPlacementProbeGrain
{
    public Task<SiloAddress> GetSiloAsync() => Task.FromResult(silo.SiloAddress);
}
