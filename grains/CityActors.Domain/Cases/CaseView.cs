using CityActors.Domain.Matters;

namespace CityActors.Domain.Cases;

/// <summary>
/// An immutable picture of a case at one version: what callers get back from the case grain and what the read model
/// stores per case. Everything is taken from the state, so the same journal always gives the same view.
/// </summary>
public sealed record CaseView(
    string Id,
    int Version,
    CaseStatus Status,
    Channel Channel,
    string ExternalId,
    string MatterCode,
    Urgency Urgency,
    string Description,
    CasePlace Place,
    IReadOnlyList<Reporter> Reporters,
    IReadOnlyList<string> DuplicateCandidates,
    string? MergedInto,
    IReadOnlyList<Assignment> Assignments,
    IReadOnlyList<string> DispatchedTo,
    IReadOnlyList<string> ReturnedBy,
    IReadOnlyList<SlaTimer> Timers,
    IReadOnlyList<Supervision> Supervisions,
    PendingRequest? PendingExtension,
    PendingRequest? PendingSuspension,
    bool Suspended,
    DateTimeOffset ReportedAt,
    DateTimeOffset? VerifiedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? FirstDispatchedAt,
    DateTimeOffset? HandledAt,
    DateTimeOffset? ClosedAt,
    bool? DispatchedOnTime,
    bool EverOverdue,
    bool EverEscalated,
    bool EverSuspended,
    int Returns,
    int Reworks,
    int ExtensionsRequested,
    int ExtensionsApproved,
    int Reopens,
    int? Satisfaction,
    IReadOnlyList<QueueEntry> Queues,
    EmergencyTightening? Emergency = null,
    int SensorReadings = 0,
    DateTimeOffset? SensorRecoveredAt = null)
{
    /// <summary>When the city's model expected, at intake, the case to be resolved (Open311 <c>expected_datetime</c>).</summary>
    public DateTimeOffset? ExpectedResolutionAt { get; init; }

    /// <summary>What the lead department reported on handling it (处理反馈); null until handled.</summary>
    public string? HandlingFeedback { get; init; }

    /// <summary>The note of the inspection that closed it; null when the inspector wrote none or it is not closed.</summary>
    public string? ClosingNote { get; init; }

    /// <summary>The learned model's duplicate assessment at intake (score, threshold, model version, the evidence), if
    /// one was made: why <see cref="DuplicateCandidates"/> holds its candidate, or does not.</summary>
    public DuplicateAssessment? DuplicateScore { get; init; }

    /// <summary>The department leading the current dispatch.</summary>
    public string? Lead => Assignments.FirstOrDefault(a => a.IsLead)?.Department;

    /// <summary>Whether a stage clock is yellow now (past its warning point, not yet red).</summary>
    public bool Warned => Timers.Any(t => !t.IsSupervision && t.Phase == TimerPhase.Warned);

    /// <summary>Whether a stage clock is red now.</summary>
    public bool Overdue => Timers.Any(t => !t.IsSupervision && t.Phase == TimerPhase.Overdue);

    /// <summary>The highest level the case's open work is escalated to (0: none).</summary>
    public int EscalationLevel => Timers.Select(t => t.EscalationLevel).DefaultIfEmpty(0).Max();

    /// <summary>Whether open work of the case is escalated above its street centre.</summary>
    public bool Escalated => EscalationLevel > 0;

    /// <summary>Whether a supervision order (督办) is open on the case.</summary>
    public bool Supervised => Supervisions.Count > 0;

    /// <summary>Closed with no stage clock ever red.</summary>
    public bool ClosedOnTime => Status == CaseStatus.Closed && !EverOverdue;

    public static CaseView From(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status == CaseStatus.None)
        {
            throw new InvalidOperationException("A case that was never reported has no view.");
        }

        var report = state.Report!;
        return new CaseView(
            state.Id,
            state.Version,
            state.Status,
            report.Channel,
            report.ExternalId,
            report.MatterCode,
            report.Urgency,
            report.Description,
            state.Place!,
            [.. state.Reporters],
            [.. state.DuplicateCandidates],
            state.MergedInto,
            [.. state.Assignments],
            [.. state.DispatchedTo],
            [.. state.ReturnedBy],
            [.. state.Timers.Values.OrderBy(t => t.Key, StringComparer.Ordinal)],
            [.. state.Supervisions],
            state.PendingExtension,
            state.PendingSuspension,
            state.IsSuspended,
            state.ReportedAt,
            state.VerifiedAt,
            state.AcceptedAt,
            state.FirstDispatchedAt,
            state.HandledAt,
            state.ClosedAt,
            state.DispatchedOnTime,
            state.EverOverdue,
            state.EverEscalated,
            state.EverSuspended,
            state.Returns,
            state.Reworks,
            state.ExtensionsRequested,
            state.ExtensionsApproved,
            state.Reopens,
            state.Satisfaction,
            CaseQueues.Of(state),
            state.Emergency,
            state.SensorReadings,
            state.SensorRecoveredAt)
        {
            ExpectedResolutionAt = state.ExpectedResolutionAt,
            HandlingFeedback = state.HandlingFeedback,
            ClosingNote = state.ClosingNote,
            DuplicateScore = state.DuplicateScore,
        };
    }
}
