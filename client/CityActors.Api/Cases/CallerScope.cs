using CityActors.Domain.Cases;

namespace CityActors.Api.Cases;

/// <summary>
/// What part of the city a caller may list, queue and measure: centre staff and field staff their own unit and the
/// units below it (a code without a dot is the whole city), department staff their department. Citizens and intake
/// systems read cases one by one, not lists.
/// </summary>
public sealed record CallerScope(string? OrgUnit, string? Department)
{
    /// <summary>The caller's scope, or null when the caller's role has no lists.</summary>
    public static CallerScope? Of(Actor caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Org is not { Length: > 0 } org)
        {
            return null;
        }

        return StaffRoles.PostOf(caller.Role) switch
        {
            StaffPost.OperationsCentre or StaffPost.GridCell or StaffPost.Community => new CallerScope(org, null),
            StaffPost.Department => new CallerScope(null, org),
            _ => null,
        };
    }

    public bool IsWholeCity => OrgUnit is not null && !OrgUnit.Contains('.', StringComparison.Ordinal);

    /// <summary>
    /// The org unit and department a query runs on: the requested ones if inside this scope, this scope's own where
    /// none was requested; null when the request reaches outside.
    /// </summary>
    public (string? OrgUnit, string? Department)? Narrow(string? requestedUnit, string? requestedDepartment)
    {
        if (Department is not null)
        {
            return requestedDepartment is not null && requestedDepartment != Department ? null : (requestedUnit, Department);
        }

        if (requestedUnit is null || IsWholeCity)
        {
            return (requestedUnit ?? (IsWholeCity ? null : OrgUnit), requestedDepartment);
        }

        return requestedUnit == OrgUnit || requestedUnit.StartsWith(OrgUnit + ".", StringComparison.Ordinal)
            ? (requestedUnit, requestedDepartment)
            : null;
    }
}
