namespace CityActors.Domain.Cases;

/// <summary>
/// What a person or system is allowed to do; combined with <see cref="Actor.Org"/> it decides every command. Staff roles
/// are each held at one kind of org unit (<see cref="StaffRoles"/>), whose rosters use this same vocabulary. Values are
/// stored as numbers in journals: add new roles at the end.
/// </summary>
public enum Role
{
    /// <summary>网格员: patrols one grid cell; reports, verifies and inspects there.</summary>
    GridInspector,

    /// <summary>社区工作者: verifies and inspects in one community.</summary>
    CommunityWorker,

    /// <summary>城运中心值班员: accepts, dispatches and inspects for one centre's area.</summary>
    CentreOperator,

    /// <summary>城运中心领导: everything an operator does, plus approvals and supervision.</summary>
    CentreLeader,

    /// <summary>部门受理员: signs for, returns and asks for more time on the department's cases.</summary>
    DepartmentClerk,

    /// <summary>部门处置人员: handles the department's cases and reports back.</summary>
    DepartmentHandler,

    /// <summary>A member of the public: reports through the app, evaluates and may reopen their own cases.</summary>
    Citizen,

    /// <summary>An intake system (12345 hotline platform, Open311 gateway, sensor or video-AI platform).</summary>
    ChannelSystem,

    /// <summary>The runtime itself: SLA timers and links between cases.</summary>
    System,
}
