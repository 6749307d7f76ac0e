namespace CityActors.GrainInterfaces.City;

/// <summary>What every org-level grain answers: who it is, who is responsible, how much work is open.</summary>
[Alias("cityactors.org")]
public interface IOrgGrain : IGrainWithStringKey
{
    [Alias("info"), ReadOnly]
    Task<OrgInfo> GetInfo();

    [Alias("staff"), ReadOnly]
    Task<IReadOnlyList<StaffMember>> GetStaff();

    /// <summary>Adds or replaces (by id) a staff member; the role must be one held at this kind of unit (<see cref="Domain.Cases.StaffRoles.At"/>).</summary>
    /// <exception cref="ArgumentException">A blank id or name, or a role this unit does not use (the message names the roles it does).</exception>
    [Alias("assign-staff")]
    Task AssignStaff(StaffMember member);

    [Alias("remove-staff")]
    Task RemoveStaff(string staffId);

    [Alias("open-work"), ReadOnly]
    Task<int> GetOpenWork();

    /// <summary>Moves the open-work counter by <paramref name="delta"/> (cases opened +1, closed −1); never below zero.</summary>
    [Alias("adjust-open-work")]
    Task<int> AdjustOpenWork(int delta);
}
