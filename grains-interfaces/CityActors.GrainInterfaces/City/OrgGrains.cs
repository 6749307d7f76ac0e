using CityActors.GrainInterfaces.Cases;

namespace CityActors.GrainInterfaces.City;

/// <summary>A person responsible in an org unit (网格员, 社区工作者, 值班员, 承办人 …).</summary>
public sealed record StaffMember(string Id, string Name, string Role);

/// <summary>Identity and place of an org-level grain, as the city package defines it.</summary>
/// <param name="Code">Grid, community, centre or department code.</param>
/// <param name="Name">Display name.</param>
/// <param name="Level">city, district, street, community or grid.</param>
/// <param name="UnitCode">The org unit the grain belongs to (its own code for grid cells and communities).</param>
/// <param name="Parents">Codes of the enclosing units, nearest first.</param>
public sealed record OrgInfo(string Code, string Name, string Level, string UnitCode, IReadOnlyList<string> Parents);

/// <summary>What every org-level grain answers: who it is, who is responsible, how much work is open.</summary>
public interface IOrgGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task<OrgInfo> GetInfo();

    [ReadOnly]
    Task<IReadOnlyList<StaffMember>> GetStaff();

    /// <summary>Adds or replaces (by id) a staff member; the role must be one this unit uses.</summary>
    Task AssignStaff(StaffMember member);

    Task RemoveStaff(string staffId);

    [ReadOnly]
    Task<int> GetOpenWork();

    /// <summary>Moves the open-work counter by <paramref name="delta"/> (cases opened +1, closed −1); never below zero.</summary>
    Task<int> AdjustOpenWork(int delta);
}

/// <summary>A grid cell (网格), keyed by its grid code; roles: inspector.</summary>
public interface IGridCellGrain : IOrgGrain
{
}

/// <summary>A community (社区/村), keyed by its code; roles: worker, secretary.</summary>
public interface ICommunityGrain : IOrgGrain
{
}

/// <summary>A city, district or street operations centre (城运中心), keyed by its org unit code; roles: operator, leader.</summary>
public interface IOpsCenterGrain : IOrgGrain, IWorkQueueGrain
{
}

/// <summary>A department (委办局/承办单位), keyed by its department code; roles: clerk, handler, leader.</summary>
public interface IDepartmentGrain : IOrgGrain, IWorkQueueGrain
{
}
