namespace CityActors.PostgreSql.Tests.Clustering;

/// <summary>Reports where its activation lives, so a test can tell which silo answered a call.</summary>
public interface IPlacementProbeGrain : IGrainWithStringKey
{
    Task<SiloAddress> GetSiloAsync();
}
