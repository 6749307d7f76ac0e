using System.Text.Json.Serialization;

namespace CityActors.Domain.Cases;

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
