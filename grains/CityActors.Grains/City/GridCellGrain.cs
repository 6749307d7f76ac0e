using CityActors.Domain.Cases;
using CityActors.Domain.City;
using CityActors.GrainInterfaces.City;

namespace CityActors.Grains.City;

/// <summary>A grid cell (网格), keyed by its grid code; its roster holds grid inspectors.</summary>
public sealed class GridCellGrain(CityModel city, [PersistentState("roster")] IPersistentState<OrgRoster> roster)
    : OrgGrainBase(city, roster), IGridCellGrain
{
    protected override StaffPost Post => StaffPost.GridCell;

    protected override OrgInfo Describe(string key) => DescribeUnit(key, OrgLevel.Grid, "grid cell");
}
