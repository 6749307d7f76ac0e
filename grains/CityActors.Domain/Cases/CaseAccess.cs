using CityActors.Domain.City;

namespace CityActors.Domain.Cases;

/// <summary>
/// Role and org-scope rules: who may issue which command on which case. Centre staff act on cases in their centre's
/// area (a street centre on its street, a district centre on its district, the city centre everywhere); field staff on
/// their own grid cell or community; department staff only on their own department's sub-task.
/// </summary>
public static class CaseAccess
{
    public static bool IsCentreStaff(Actor actor) => StaffRoles.PostOf(actor.Role) == StaffPost.OperationsCentre;

    /// <summary>The actor works at the centre of the case's street, district or city.</summary>
    public static bool IsCentreOver(Actor actor, CasePlace place, bool leaderOnly = false, bool aboveStreet = false) =>
        (leaderOnly ? actor.Role == Role.CentreLeader : IsCentreStaff(actor))
        && actor.Org is { } org
        && ((!aboveStreet && org == place.StreetCode) || org == place.DistrictCode || !org.Contains(OrgUnit.Separator));

    public static bool IsFieldStaffAt(Actor actor, CasePlace place) => actor.Org is { } org && StaffRoles.PostOf(actor.Role) switch
    {
        StaffPost.GridCell => org == place.GridCode,
        StaffPost.Community => org == place.CommunityCode,
        _ => false,
    };

    public static bool IsDepartmentStaff(Actor actor, string department, bool handlerAllowed) =>
        StaffRoles.PostOf(actor.Role) == StaffPost.Department && (handlerAllowed || actor.Role == Role.DepartmentClerk) && actor.Org == department;

    public static bool IsReporter(Actor actor, CaseState state) =>
        actor.Role == Role.Citizen && state.Reporters.Any(r => r.CitizenId is not null && r.CitizenId == actor.Id);

    /// <summary>The intake system of the sensor channel, on a case it reported.</summary>
    public static bool IsReportingSensorPlatform(Actor actor, CaseState state) =>
        actor.Role == Role.ChannelSystem && actor.Org == nameof(Channel.Sensor) && state.Report?.Channel == Channel.Sensor;

    /// <summary>Who may put a report in through a channel.</summary>
    public static bool MayReport(Actor actor, Channel channel, CasePlace place) => actor.Role switch
    {
        Role.ChannelSystem => true,
        Role.GridInspector => channel == Channel.GridInspector && actor.Org == place.GridCode,
        Role.Citizen => channel is Channel.WebApp or Channel.Open311,
        Role.CentreOperator or Role.CentreLeader => channel == Channel.Hotline,
        _ => false,
    };
}
