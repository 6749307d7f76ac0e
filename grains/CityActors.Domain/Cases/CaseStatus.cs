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
