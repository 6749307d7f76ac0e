using CityActors.Domain.Cases;

namespace CityActors.Api.Cases;

/// <summary>
/// Who may read a case: centre staff over its street, district or the city; field staff of its grid cell or
/// community; staff of a department it was dispatched to; a citizen who reported it; intake systems. Anyone else is
/// answered as if the case did not exist.
/// </summary>
public static class CaseReadScope
{
    public static bool Allows(Actor caller, CaseView view)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(view);
        return caller.Role switch
        {
            Role.ChannelSystem => true,
            Role.Citizen => view.Reporters.Any(r => r.CitizenId is not null && r.CitizenId == caller.Id),
            Role.DepartmentClerk or Role.DepartmentHandler =>
                caller.Org is { } department && (view.DispatchedTo.Contains(department) || view.Assignments.Any(a => a.Department == department)),
            _ => CaseAccess.IsCentreOver(caller, view.Place) || CaseAccess.IsFieldStaffAt(caller, view.Place),
        };
    }
}
