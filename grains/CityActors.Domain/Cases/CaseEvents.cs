using System.Text.Json.Serialization;

namespace CityActors.Domain.Cases;

/// <summary>Who did it, when, why, and what evidence they attached — carried by every event, so the journal is the audit trail.</summary>
public sealed record EventMeta(DateTimeOffset At, Actor By, string? Reason = null, IReadOnlyList<string>? Attachments = null);

/// <summary>A fact in a case's journal. Events carry every computed value (deadlines included), so applying them needs no calendar.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$event")]
[JsonDerivedType(typeof(CaseReported), "reported")]
[JsonDerivedType(typeof(DuplicatesFlagged), "duplicates-flagged")]
[JsonDerivedType(typeof(CaseVerified), "verified")]
[JsonDerivedType(typeof(CaseRejected), "rejected")]
[JsonDerivedType(typeof(CaseMerged), "merged")]
[JsonDerivedType(typeof(ReporterLinked), "reporter-linked")]
[JsonDerivedType(typeof(CaseAccepted), "accepted")]
[JsonDerivedType(typeof(CaseDispatched), "dispatched")]
[JsonDerivedType(typeof(AssignmentSignedFor), "signed-for")]
[JsonDerivedType(typeof(AssignmentHandled), "handled")]
[JsonDerivedType(typeof(AssignmentReturned), "returned")]
[JsonDerivedType(typeof(ExtensionRequested), "extension-requested")]
[JsonDerivedType(typeof(ExtensionDecided), "extension-decided")]
[JsonDerivedType(typeof(SuspensionRequested), "suspension-requested")]
[JsonDerivedType(typeof(SuspensionDecided), "suspension-decided")]
[JsonDerivedType(typeof(CaseResumed), "resumed")]
[JsonDerivedType(typeof(InspectionFailed), "inspection-failed")]
[JsonDerivedType(typeof(CaseClosed), "closed")]
[JsonDerivedType(typeof(CaseEvaluated), "evaluated")]
[JsonDerivedType(typeof(SupervisionIssued), "supervision-issued")]
[JsonDerivedType(typeof(CaseReopened), "reopened")]
[JsonDerivedType(typeof(TimerStarted), "timer-started")]
[JsonDerivedType(typeof(TimerRescheduled), "timer-rescheduled")]
[JsonDerivedType(typeof(TimerStopped), "timer-stopped")]
[JsonDerivedType(typeof(TimerWarned), "timer-warned")]
[JsonDerivedType(typeof(TimerOverdue), "timer-overdue")]
[JsonDerivedType(typeof(TimerEscalated), "timer-escalated")]
public abstract record CaseEvent(EventMeta Meta);

/// <summary>上报: a report became a case, located and given to its street centre.</summary>
public sealed record CaseReported(EventMeta Meta, string CaseId, CaseReport Report, CasePlace Place) : CaseEvent(Meta);

/// <summary>Open cases of the same matter nearby, reported recently: the verifier decides whether to merge.</summary>
public sealed record DuplicatesFlagged(EventMeta Meta, IReadOnlyList<string> CaseIds) : CaseEvent(Meta);

/// <summary>核实: the report is true.</summary>
public sealed record CaseVerified(EventMeta Meta) : CaseEvent(Meta);

/// <summary>The report is invalid (false, not a city matter); the case ends.</summary>
public sealed record CaseRejected(EventMeta Meta) : CaseEvent(Meta);

/// <summary>The case duplicates <paramref name="IntoCaseId"/>; its reporter now follows that case and this one ends.</summary>
public sealed record CaseMerged(EventMeta Meta, string IntoCaseId) : CaseEvent(Meta);

/// <summary>A duplicate's reporter now follows this case.</summary>
public sealed record ReporterLinked(EventMeta Meta, string FromCaseId, Reporter? Reporter) : CaseEvent(Meta);

/// <summary>立案.</summary>
public sealed record CaseAccepted(EventMeta Meta) : CaseEvent(Meta);

/// <summary>派遣 to a lead department and optional co-handlers (多跨), each with its own sub-task.</summary>
public sealed record CaseDispatched(EventMeta Meta, string Lead, IReadOnlyList<string> CoHandlers, bool Manual) : CaseEvent(Meta);

/// <summary>签收: the department took its sub-task and starts handling (处置).</summary>
public sealed record AssignmentSignedFor(EventMeta Meta, string Department) : CaseEvent(Meta);

/// <summary>处理反馈: the department reports its sub-task done.</summary>
public sealed record AssignmentHandled(EventMeta Meta, string Department) : CaseEvent(Meta);

/// <summary>退单: the department says the case is not theirs; a lead's return sends the case back for re-dispatch.</summary>
public sealed record AssignmentReturned(EventMeta Meta, string Department) : CaseEvent(Meta);

/// <summary>延期 asked for: <paramref name="Extra"/> more time on the department's handling limit.</summary>
public sealed record ExtensionRequested(EventMeta Meta, string Department, TimeSpan Extra) : CaseEvent(Meta);

public sealed record ExtensionDecided(EventMeta Meta, string Department, bool Approved) : CaseEvent(Meta);

/// <summary>挂起/缓办 asked for: every clock of the case stops until it resumes.</summary>
public sealed record SuspensionRequested(EventMeta Meta, string Department) : CaseEvent(Meta);

public sealed record SuspensionDecided(EventMeta Meta, string Department, bool Approved) : CaseEvent(Meta);

/// <summary>The suspension ended; the clocks were moved on by its length (see the <see cref="TimerRescheduled"/> events).</summary>
public sealed record CaseResumed(EventMeta Meta) : CaseEvent(Meta);

/// <summary>核查 failed: 返工, every sub-task goes back to handling.</summary>
public sealed record InspectionFailed(EventMeta Meta) : CaseEvent(Meta);

/// <summary>核查 passed: 结案.</summary>
public sealed record CaseClosed(EventMeta Meta) : CaseEvent(Meta);

/// <summary>评价/回访: satisfaction from 1 (very unsatisfied) to 5 (very satisfied).</summary>
public sealed record CaseEvaluated(EventMeta Meta, int Satisfaction) : CaseEvent(Meta);

/// <summary>督办 by a higher centre, with its own clock (the timer named by <see cref="TimerKeys.Supervision"/>).</summary>
public sealed record SupervisionIssued(EventMeta Meta, int SupervisionId, string CentreUnit) : CaseEvent(Meta);

/// <summary>Reopened within the reopen window; back to the centre for dispatch.</summary>
public sealed record CaseReopened(EventMeta Meta) : CaseEvent(Meta);

public sealed record TimerStarted(EventMeta Meta, SlaTimer Timer) : CaseEvent(Meta);

/// <summary>A clock moved: an approved extension or the end of a suspension.</summary>
public sealed record TimerRescheduled(EventMeta Meta, string Key, TimeSpan Added, DateTimeOffset WarnAt, DateTimeOffset DueAt, DateTimeOffset? EscalationDueAt) : CaseEvent(Meta);

/// <summary>The stage finished (or the case ended): the clock is gone.</summary>
public sealed record TimerStopped(EventMeta Meta, string Key) : CaseEvent(Meta);

/// <summary>黄灯.</summary>
public sealed record TimerWarned(EventMeta Meta, string Key) : CaseEvent(Meta);

/// <summary>红灯.</summary>
public sealed record TimerOverdue(EventMeta Meta, string Key) : CaseEvent(Meta);

/// <summary>Overdue work moved up to the centre of <paramref name="CentreUnit"/>, which has until <paramref name="DueAt"/>.</summary>
public sealed record TimerEscalated(EventMeta Meta, string Key, int Level, string CentreUnit, DateTimeOffset DueAt) : CaseEvent(Meta);
