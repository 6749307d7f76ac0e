using CityActors.Domain.Cases;
using CityActors.Domain.City;
using CityActors.GrainInterfaces.City;
using CityActors.Grains.Cases;

namespace CityActors.Grains.City;

/// <summary>A department (委办局/承办单位), keyed by its code; its roster holds clerks and handlers, and it serves the department's work queues.</summary>
public sealed class DepartmentGrain(CityModel city, [PersistentState("roster")] IPersistentState<OrgRoster> roster, ICaseReadModel cases)
    : WorkQueueGrainBase(city, roster, cases), IDepartmentGrain
{
    protected override WorkOwner Owner => WorkOwner.Department(this.GetPrimaryKeyString());

    protected override StaffPost Post => StaffPost.Department;

    protected override OrgInfo Describe(string key)
    {
        var department = City.FindDepartment(key) ?? throw new KeyNotFoundException($"City {City.Id} has no department '{key}'.");
        return new OrgInfo(department.Code, department.Name, department.Level.ToString().ToLowerInvariant(), department.OrgUnitCode, [.. City.Lineage(department.OrgUnitCode).Select(u => u.Code)]);
    }
}
