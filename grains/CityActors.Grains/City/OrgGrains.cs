using CityActors.Domain.City;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.City;
using CityActors.Grains.Cases;

namespace CityActors.Grains.City;

public sealed class GridCellGrain(CityModel city, [PersistentState("roster")] IPersistentState<OrgRoster> roster)
    : OrgGrainBase(city, roster), IGridCellGrain
{
    protected override IReadOnlyCollection<string> Roles { get; } = ["inspector"];

    protected override OrgInfo Describe(string key) => DescribeUnit(key, OrgLevel.Grid, "grid cell");
}

public sealed class CommunityGrain(CityModel city, [PersistentState("roster")] IPersistentState<OrgRoster> roster)
    : OrgGrainBase(city, roster), ICommunityGrain
{
    protected override IReadOnlyCollection<string> Roles { get; } = ["worker", "secretary"];

    protected override OrgInfo Describe(string key) => DescribeUnit(key, OrgLevel.Community, "community");
}

public sealed class OpsCenterGrain(CityModel city, [PersistentState("roster")] IPersistentState<OrgRoster> roster, ICaseReadModel cases)
    : WorkQueueGrainBase(city, roster, cases), IOpsCenterGrain
{
    protected override WorkOwner Owner => WorkOwner.Centre(this.GetPrimaryKeyString());

    protected override IReadOnlyCollection<string> Roles { get; } = ["operator", "leader"];

    protected override OrgInfo Describe(string key)
    {
        var centre = City.CentreOf(key) ?? throw new KeyNotFoundException($"City {City.Id} has no operations centre for unit '{key}'.");
        return new OrgInfo(centre.Code, centre.Name, centre.Level.ToString().ToLowerInvariant(), centre.OrgUnitCode, [.. City.Lineage(key).Skip(1).Select(u => u.Code)]);
    }
}

public sealed class DepartmentGrain(CityModel city, [PersistentState("roster")] IPersistentState<OrgRoster> roster, ICaseReadModel cases)
    : WorkQueueGrainBase(city, roster, cases), IDepartmentGrain
{
    protected override WorkOwner Owner => WorkOwner.Department(this.GetPrimaryKeyString());

    protected override IReadOnlyCollection<string> Roles { get; } = ["clerk", "handler", "leader"];

    protected override OrgInfo Describe(string key)
    {
        var department = City.FindDepartment(key) ?? throw new KeyNotFoundException($"City {City.Id} has no department '{key}'.");
        return new OrgInfo(department.Code, department.Name, department.Level.ToString().ToLowerInvariant(), department.OrgUnitCode, [.. City.Lineage(department.OrgUnitCode).Select(u => u.Code)]);
    }
}
