using CityActors.Domain.Cases;
using CityActors.Domain.City;
using CityActors.GrainInterfaces.City;

namespace CityActors.Grains.City;

/// <summary>A community (社区/村), keyed by its code; its roster holds community workers.</summary>
public sealed class CommunityGrain(CityModel city, [PersistentState("roster")] IPersistentState<OrgRoster> roster)
    : OrgGrainBase(city, roster), ICommunityGrain
{
    protected override StaffPost Post => StaffPost.Community;

    protected override OrgInfo Describe(string key) => DescribeUnit(key, OrgLevel.Community, "community");
}
