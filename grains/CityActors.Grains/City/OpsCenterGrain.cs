using CityActors.Domain.Cases;
using CityActors.Domain.City;
using CityActors.GrainInterfaces.City;
using CityActors.Grains.Cases;

namespace CityActors.Grains.City;

/// <summary>
/// An operations centre (城运中心), keyed by the code of the unit it runs; its roster holds operators and leaders, and it
/// serves the centre's work queues.
/// </summary>
public sealed class OpsCenterGrain(CityModel city, [PersistentState("roster")] IPersistentState<OrgRoster> roster, ICaseReadModel cases)
    : WorkQueueGrainBase(city, roster, cases), IOpsCenterGrain
{
    protected override WorkOwner Owner => WorkOwner.Centre(this.GetPrimaryKeyString());

    protected override StaffPost Post => StaffPost.OperationsCentre;

    protected override OrgInfo Describe(string key)
    {
        var centre = City.CentreOf(key) ?? throw new KeyNotFoundException($"City {City.Id} has no operations centre for unit '{key}'.");
        return new OrgInfo(centre.Code, centre.Name, centre.Level.ToString().ToLowerInvariant(), centre.OrgUnitCode, [.. City.Lineage(key).Skip(1).Select(u => u.Code)]);
    }
}
