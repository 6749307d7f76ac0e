namespace CityActors.Domain.Cases;

/// <summary>Where a case is in its lifecycle.</summary>
public enum CaseStatus
{
    /// <summary>No report yet: the grain exists only as an address.</summary>
    None,

    /// <summary>上报: waiting for verification.</summary>
    Reported,

    /// <summary>核实: true, waiting for acceptance (立案).</summary>
    Verified,

    /// <summary>立案: waiting for dispatch (派遣).</summary>
    Accepted,

    /// <summary>派遣: some department has not signed for its sub-task yet.</summary>
    Dispatched,

    /// <summary>签收/处置: every department signed for; at least one is still handling.</summary>
    Handling,

    /// <summary>处理反馈: every sub-task handled; waiting for inspection (核查).</summary>
    Handled,

    /// <summary>结案.</summary>
    Closed,

    /// <summary>Invalid report; ended at verification.</summary>
    Rejected,

    /// <summary>Merged into another case as its duplicate; ended.</summary>
    Merged,
}

public enum AssignmentStatus
{
    AwaitingSignFor,
    Handling,
    Handled,
}

/// <summary>One department's sub-task of a case.</summary>
public sealed record Assignment(string Department, bool IsLead, AssignmentStatus Status, DateTimeOffset DispatchedAt, DateTimeOffset? SignedForAt = null, DateTimeOffset? HandledAt = null);

/// <summary>An open supervision order (督办) from a higher centre.</summary>
public sealed record Supervision(int Id, string CentreUnit, DateTimeOffset IssuedAt, string? Text);

/// <summary>An extension or suspension waiting for the centre's decision.</summary>
public sealed record PendingRequest(string Department, DateTimeOffset RequestedAt, TimeSpan Extra);

public static class CaseStatuses
{
    /// <summary>Closed, rejected or merged: no clock runs and no work is on anyone's desk (a closed case may still be reopened).</summary>
    public static bool IsEnded(this CaseStatus status) => status is CaseStatus.Closed or CaseStatus.Rejected or CaseStatus.Merged;

    public static bool IsOpen(this CaseStatus status) => status is not CaseStatus.None && !status.IsEnded();
}
