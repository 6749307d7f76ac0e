namespace CityActors.Domain.Cases;

/// <summary>
/// A case as its journal says it is. Changed only by <see cref="Apply"/>, which is deterministic and needs nothing but the
/// event, so replaying the journal always reproduces the state. Public setters are for snapshots.
/// </summary>
public sealed class CaseState
{
    public string Id { get; set; } = "";

    public CaseStatus Status { get; set; }

    public CaseReport? Report { get; set; }

    public CasePlace? Place { get; set; }

    /// <summary>The reporter of this case and of every duplicate merged into it.</summary>
    public List<Reporter> Reporters { get; set; } = [];

    public List<string> MergedCases { get; set; } = [];

    public List<string> DuplicateCandidates { get; set; } = [];

    /// <summary>The learned model's duplicate assessment at intake, when the city ships a model and an open case of the
    /// same matter was near.</summary>
    public DuplicateAssessment? DuplicateScore { get; set; }

    public string? MergedInto { get; set; }

    /// <summary>Every department the case was ever dispatched to, in order.</summary>
    public List<string> DispatchedTo { get; set; } = [];

    /// <summary>Departments that returned it (退单), once per return.</summary>
    public List<string> ReturnedBy { get; set; } = [];

    /// <summary>Sub-tasks of the current dispatch, the lead first.</summary>
    public List<Assignment> Assignments { get; set; } = [];

    public Dictionary<string, SlaTimer> Timers { get; set; } = [];

    public List<Supervision> Supervisions { get; set; } = [];

    public int NextSupervisionId { get; set; } = 1;

    public PendingRequest? PendingExtension { get; set; }

    public PendingRequest? PendingSuspension { get; set; }

    /// <summary>Set while an approved suspension stops the clocks.</summary>
    public DateTimeOffset? SuspendedAt { get; set; }

    public DateTimeOffset ReportedAt { get; set; }

    public DateTimeOffset? VerifiedAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public DateTimeOffset? FirstDispatchedAt { get; set; }

    public DateTimeOffset? HandledAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Whether the first dispatch came before the dispatch clock turned red (null until dispatched).</summary>
    public bool? DispatchedOnTime { get; set; }

    /// <summary>Whether any stage clock has ever turned red.</summary>
    public bool EverOverdue { get; set; }

    public bool EverEscalated { get; set; }

    public bool EverSuspended { get; set; }

    public int Returns { get; set; }

    public int Reworks { get; set; }

    public int ExtensionsRequested { get; set; }

    public int ExtensionsApproved { get; set; }

    public int Reopens { get; set; }

    public int? Satisfaction { get; set; }

    /// <summary>The limits an emergency profile set at intake, if one was in force.</summary>
    public EmergencyTightening? Emergency { get; set; }

    /// <summary>For a sensor case: readings recorded on it, and when its condition last ended (null while it lasts).</summary>
    public int SensorReadings { get; set; }

    public DateTimeOffset? SensorRecoveredAt { get; set; }

    public int Version { get; set; }

    /// <summary>When the city's model expected, at intake, the case to be resolved; null without a model.</summary>
    public DateTimeOffset? ExpectedResolutionAt { get; set; }

    /// <summary>The model whose suggestion made the last automatic dispatch (智能派遣); null when a person or the catalogue dispatched.</summary>
    public string? AutoDispatchModel { get; set; }

    /// <summary>That suggestion's confidence.</summary>
    public double? AutoDispatchConfidence { get; set; }

    /// <summary>What the lead department reported on handling it (处理反馈), kept for "how were cases like this resolved".</summary>
    public string? HandlingFeedback { get; set; }

    /// <summary>The note of the inspection that closed it (结案), if the inspector wrote one.</summary>
    public string? ClosingNote { get; set; }

    public Assignment? Lead => Assignments.FirstOrDefault(a => a.IsLead);

    public Assignment? AssignmentOf(string department) => Assignments.FirstOrDefault(a => a.Department == department);

    public bool IsSuspended => SuspendedAt is not null;

    /// <summary>
    /// An independent copy: the collections are new, their elements (immutable records) are shared. What a decision
    /// folds its events into, so deciding never changes the state it was given.
    /// </summary>
    public CaseState Copy()
    {
        var copy = (CaseState)MemberwiseClone();
        copy.Reporters = [.. Reporters];
        copy.MergedCases = [.. MergedCases];
        copy.DuplicateCandidates = [.. DuplicateCandidates];
        copy.DispatchedTo = [.. DispatchedTo];
        copy.ReturnedBy = [.. ReturnedBy];
        copy.Assignments = [.. Assignments];
        copy.Timers = new Dictionary<string, SlaTimer>(Timers);
        copy.Supervisions = [.. Supervisions];
        return copy;
    }

    public void Apply(CaseEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var at = @event.Meta.At;
        switch (@event)
        {
            case CaseReported e:
                Id = e.CaseId;
                Status = CaseStatus.Reported;
                Report = e.Report;
                Place = e.Place;
                Emergency = e.Emergency;
                Reporters.Add(e.Report.Reporter ?? new Reporter());
                ReportedAt = at;
                break;
            case DuplicateScored e:
                DuplicateScore = e.Assessment;
                break;
            case DuplicatesFlagged e:
                DuplicateCandidates = [.. e.CaseIds];
                break;
            case CaseVerified:
                Status = CaseStatus.Verified;
                VerifiedAt = at;
                break;
            case CaseRejected:
                Status = CaseStatus.Rejected;
                ClosedAt = at;
                break;
            case CaseMerged e:
                Status = CaseStatus.Merged;
                MergedInto = e.IntoCaseId;
                ClosedAt = at;
                break;
            case SensorReadingsRecorded e:
                SensorReadings += e.Readings.Count;
                SensorRecoveredAt = null;
                break;
            case SensorRecovered e:
                SensorRecoveredAt = e.RecoveredAt;
                break;
            case ReporterLinked e:
                MergedCases.Add(e.FromCaseId);
                Reporters.Add(e.Reporter ?? new Reporter());
                break;
            case CaseAccepted:
                Status = CaseStatus.Accepted;
                AcceptedAt = at;
                break;
            case ResolutionExpected e:
                ExpectedResolutionAt = e.ExpectedAt;
                break;
            case CaseAutoDispatched e:
                AutoDispatchModel = e.ModelVersion;
                AutoDispatchConfidence = e.Confidence;
                break;
            case CaseDispatched e:
                Assignments = [new Assignment(e.Lead, true, AssignmentStatus.AwaitingSignFor, at), .. e.CoHandlers.Select(d => new Assignment(d, false, AssignmentStatus.AwaitingSignFor, at))];
                DispatchedOnTime ??= !(Timers.TryGetValue(TimerKeys.Dispatch, out var dispatch) && dispatch.Phase == TimerPhase.Overdue);
                FirstDispatchedAt ??= at;
                DispatchedTo.AddRange(Assignments.Select(a => a.Department).Where(d => !DispatchedTo.Contains(d)));
                Status = CaseStatus.Dispatched;
                break;
            case AssignmentSignedFor e:
                Replace(e.Department, a => a with { Status = AssignmentStatus.Handling, SignedForAt = at });
                break;
            case AssignmentHandled e:
                Replace(e.Department, a => a with { Status = AssignmentStatus.Handled, HandledAt = at });
                if (AssignmentOf(e.Department) is { IsLead: true })
                {
                    HandlingFeedback = e.Meta.Reason;
                }

                if (Status == CaseStatus.Handled)
                {
                    HandledAt = at;
                }

                break;
            case AssignmentReturned e:
                Returns++;
                ReturnedBy.Add(e.Department);
                var returned = AssignmentOf(e.Department);
                if (returned is { IsLead: true })
                {
                    Assignments.Clear();
                    Status = CaseStatus.Accepted;
                }
                else
                {
                    Assignments.RemoveAll(a => a.Department == e.Department);
                    Status = Derived();
                }

                if (PendingExtension?.Department == e.Department)
                {
                    PendingExtension = null;
                }

                if (PendingSuspension?.Department == e.Department)
                {
                    PendingSuspension = null;
                }

                break;
            case ExtensionRequested e:
                ExtensionsRequested++;
                PendingExtension = new PendingRequest(e.Department, at, e.Extra);
                break;
            case ExtensionDecided e:
                ExtensionsApproved += e.Approved ? 1 : 0;
                PendingExtension = null;
                break;
            case SuspensionRequested e:
                PendingSuspension = new PendingRequest(e.Department, at, TimeSpan.Zero);
                break;
            case SuspensionDecided e:
                PendingSuspension = null;
                if (e.Approved)
                {
                    SuspendedAt = at;
                    EverSuspended = true;
                }

                break;
            case CaseResumed:
                SuspendedAt = null;
                break;
            case InspectionFailed:
                Reworks++;
                Assignments = [.. Assignments.Select(a => a with { Status = AssignmentStatus.Handling, HandledAt = null })];
                HandledAt = null;
                Status = CaseStatus.Handling;
                break;
            case CaseClosed e:
                Status = CaseStatus.Closed;
                ClosedAt = at;
                ClosingNote = e.Meta.Reason;
                Supervisions.Clear();
                break;
            case CaseEvaluated e:
                Satisfaction = e.Satisfaction;
                break;
            case SupervisionIssued e:
                Supervisions.Add(new Supervision(e.SupervisionId, e.CentreUnit, at, e.Meta.Reason));
                NextSupervisionId = e.SupervisionId + 1;
                break;
            case CaseReopened:
                Reopens++;
                Status = CaseStatus.Accepted;
                Assignments.Clear();
                ClosedAt = null;
                HandledAt = null;
                Satisfaction = null;
                HandlingFeedback = null;
                ClosingNote = null;
                break;
            case TimerStarted e:
                Timers[e.Timer.Key] = e.Timer;
                EverEscalated |= e.Timer.EscalationLevel > 0;
                break;
            case TimerRescheduled e:
                UpdateTimer(e.Key, t => t with { Added = e.Added, WarnAt = e.WarnAt, DueAt = e.DueAt, EscalationDueAt = e.EscalationDueAt });
                break;
            case TimerStopped e:
                Timers.Remove(e.Key);
                if (TimerKeys.IsSupervision(e.Key))
                {
                    Supervisions.RemoveAll(s => TimerKeys.Supervision(s.Id) == e.Key);
                }

                break;
            case TimerWarned e:
                UpdateTimer(e.Key, t => t with { Phase = TimerPhase.Warned });
                break;
            case TimerOverdue e:
                UpdateTimer(e.Key, t => t with { Phase = TimerPhase.Overdue });
                EverOverdue |= !Timers[e.Key].IsSupervision;
                break;
            case TimerEscalated e:
                UpdateTimer(e.Key, t => t with { EscalationLevel = e.Level, EscalatedTo = e.CentreUnit, EscalationDueAt = e.DueAt });
                EverEscalated = true;
                break;
            default:
                throw new ArgumentException($"Case event {@event.GetType().Name} is not known to this version.", nameof(@event));
        }

        Version++;
    }

    /// <summary>The status that follows from the sub-tasks while the case is with departments.</summary>
    private CaseStatus Derived()
    {
        if (Assignments.Count == 0)
        {
            return CaseStatus.Accepted;
        }

        if (Assignments.Any(a => a.Status == AssignmentStatus.AwaitingSignFor))
        {
            return CaseStatus.Dispatched;
        }

        return Assignments.All(a => a.Status == AssignmentStatus.Handled) ? CaseStatus.Handled : CaseStatus.Handling;
    }

    private void Replace(string department, Func<Assignment, Assignment> change)
    {
        var index = Assignments.FindIndex(a => a.Department == department);
        Assignments[index] = change(Assignments[index]);
        Status = Derived();
    }

    private void UpdateTimer(string key, Func<SlaTimer, SlaTimer> change) => Timers[key] = change(Timers[key]);
}
