namespace CityActors.Domain.Cases;

/// <summary>What a <see cref="CaseStatus"/> means for clocks and queues.</summary>
public static class CaseStatuses
{
    /// <summary>Closed, rejected or merged: no clock runs and no work is on anyone's desk (a closed case may still be reopened).</summary>
    public static bool IsEnded(this CaseStatus status) => status is CaseStatus.Closed or CaseStatus.Rejected or CaseStatus.Merged;

    public static bool IsOpen(this CaseStatus status) => status is not CaseStatus.None && !status.IsEnded();

    /// <summary>Every status of a case still being worked on, for read-model queries of open cases.</summary>
    public static IReadOnlyList<CaseStatus> Open { get; } = [.. Enum.GetValues<CaseStatus>().Where(IsOpen)];
}
