using System.Text.Json.Serialization;
using CityActors.Domain.Calendar;

namespace CityActors.Domain.Cases;

/// <summary>Something an actor asks of a case. <see cref="CaseDecider"/> checks role, org scope and state, then emits events.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$command")]
[JsonDerivedType(typeof(ReportCase), "report")]
[JsonDerivedType(typeof(VerifyCase), "verify")]
[JsonDerivedType(typeof(RejectCase), "reject")]
[JsonDerivedType(typeof(MergeCase), "merge")]
[JsonDerivedType(typeof(AcceptCase), "accept")]
[JsonDerivedType(typeof(DispatchCase), "dispatch")]
[JsonDerivedType(typeof(SignFor), "sign-for")]
[JsonDerivedType(typeof(ReportHandled), "report-handled")]
[JsonDerivedType(typeof(ReturnCase), "return")]
[JsonDerivedType(typeof(RequestExtension), "request-extension")]
[JsonDerivedType(typeof(DecideExtension), "decide-extension")]
[JsonDerivedType(typeof(RequestSuspension), "request-suspension")]
[JsonDerivedType(typeof(DecideSuspension), "decide-suspension")]
[JsonDerivedType(typeof(ResumeCase), "resume")]
[JsonDerivedType(typeof(InspectCase), "inspect")]
[JsonDerivedType(typeof(EvaluateCase), "evaluate")]
[JsonDerivedType(typeof(SuperviseCase), "supervise")]
[JsonDerivedType(typeof(ReopenCase), "reopen")]
[JsonDerivedType(typeof(LinkReporter), "link-reporter")]
[JsonDerivedType(typeof(TimerDue), "timer-due")]
public abstract record CaseCommand(Actor By)
{
    /// <summary>The command's name in errors and the audit trail.</summary>
    [JsonIgnore]
    public string Name => GetType().Name;
}

/// <summary>上报 through a channel; idempotent per channel and external id.</summary>
public sealed record ReportCase(Actor By, CaseReport Report) : CaseCommand(By);

/// <summary>核实: the report is true.</summary>
public sealed record VerifyCase(Actor By, string? Note = null, IReadOnlyList<string>? Photos = null) : CaseCommand(By);

/// <summary>The report is invalid.</summary>
public sealed record RejectCase(Actor By, string Reason) : CaseCommand(By);

/// <summary>The report duplicates an open case; its reporter is linked there and this case ends.</summary>
public sealed record MergeCase(Actor By, string IntoCaseId) : CaseCommand(By);

/// <summary>立案; dispatches at once when the catalogue names a single owner.</summary>
public sealed record AcceptCase(Actor By, string? Note = null) : CaseCommand(By);

/// <summary>派遣 by hand, to a lead department and optional co-handlers (多跨).</summary>
public sealed record DispatchCase(Actor By, string Lead, IReadOnlyList<string>? CoHandlers = null, string? Note = null) : CaseCommand(By);

/// <summary>签收 the department's sub-task.</summary>
public sealed record SignFor(Actor By, string Department) : CaseCommand(By);

/// <summary>处理反馈: the department's sub-task is done.</summary>
public sealed record ReportHandled(Actor By, string Department, string Feedback, IReadOnlyList<string>? Photos = null) : CaseCommand(By);

/// <summary>退单 with a reason.</summary>
public sealed record ReturnCase(Actor By, string Department, string Reason) : CaseCommand(By);

/// <summary>延期: more time on the department's handling limit, counted in the limit's own mode.</summary>
public sealed record RequestExtension(Actor By, string Department, TimeSpan Extra, string Reason) : CaseCommand(By);

public sealed record DecideExtension(Actor By, bool Approve, string? Reason = null) : CaseCommand(By);

/// <summary>挂起/缓办: stop every clock of the case until it resumes.</summary>
public sealed record RequestSuspension(Actor By, string Department, string Reason) : CaseCommand(By);

public sealed record DecideSuspension(Actor By, bool Approve, string? Reason = null) : CaseCommand(By);

/// <summary>End a suspension; every clock moves on by the suspension's length.</summary>
public sealed record ResumeCase(Actor By, string? Reason = null) : CaseCommand(By);

/// <summary>核查: passed closes the case (结案), failed sends it back for rework (返工).</summary>
public sealed record InspectCase(Actor By, bool Passed, string? Note = null, IReadOnlyList<string>? Photos = null) : CaseCommand(By);

/// <summary>评价 / 回访: satisfaction 1–5.</summary>
public sealed record EvaluateCase(Actor By, int Satisfaction, string? Comment = null) : CaseCommand(By);

/// <summary>督办 from a district or city centre, with its own limit (the rules' default when none is given).</summary>
public sealed record SuperviseCase(Actor By, string Text, TimeLimit? Limit = null) : CaseCommand(By);

/// <summary>Reopen a closed case within the reopen window.</summary>
public sealed record ReopenCase(Actor By, string Reason) : CaseCommand(By);

/// <summary>A merged duplicate's reporter now follows this case (sent by the cluster once the merge is committed).</summary>
public sealed record LinkReporter(Actor By, string FromCaseId, Reporter? Reporter) : CaseCommand(By);

/// <summary>A clock's reminder fired: apply every point of the timer that is due by now.</summary>
public sealed record TimerDue(Actor By, string Key) : CaseCommand(By);
