using CityActors.Domain.Calendar;

namespace CityActors.Domain.Cases;

/// <summary>Extensions, suspensions, supervision and the clock's own ticks (warning, overdue, escalation).</summary>
public sealed partial class CaseDecider
{
    private static readonly TimeSpan LongestExtension = TimeSpan.FromDays(30);

    private static void RequestExtension(Context c, RequestExtension command)
    {
        var assignment = c.AssignmentOf(command.Department);
        c.Require(CaseAccess.IsDepartmentStaff(c.By, command.Department, handlerAllowed: false), $"extensions are asked for by clerks of {command.Department}");
        c.RequireNotSuspended();
        c.RefuseIf(assignment.Status != AssignmentStatus.Handling, $"{command.Department}'s sub-task is {assignment.Status}; only handling has a limit to extend");
        c.RefuseIf(c.State.PendingExtension is not null, $"an extension for {c.State.PendingExtension?.Department} is waiting for a decision");
        var timer = c.State.Timers[TimerKeys.Handle(command.Department)];
        c.RefuseIf(timer.Phase == TimerPhase.Overdue, $"the handling deadline {timer.DueAt:yyyy-MM-dd HH:mm zzz} has passed; extensions are asked for before it");
        if (command.Extra <= TimeSpan.Zero || command.Extra > LongestExtension)
        {
            throw new CaseCommandException(CaseErrorKind.Invalid, $"An extension must be more than zero and at most {LongestExtension.TotalDays} days; it is {command.Extra}.");
        }

        c.Emit(new ExtensionRequested(c.Meta(Required(command.Reason, "An extension's reason")), command.Department, command.Extra));
    }

    private void DecideExtension(Context c, DecideExtension command)
    {
        c.Require(CaseAccess.IsCentreOver(c.By, c.Place, leaderOnly: true), "extensions are decided by centre leaders over the case");
        c.RefuseIf(c.State.PendingExtension is null, "no extension is waiting for a decision");
        var pending = c.State.PendingExtension!;
        var meta = c.Meta(command.Reason);
        c.Emit(new ExtensionDecided(meta, pending.Department, command.Approve));
        if (command.Approve && c.State.Timers.TryGetValue(TimerKeys.Handle(pending.Department), out var timer))
        {
            c.Emit(_sla.Extend(timer, pending.Extra, meta));
        }
    }

    private static void RequestSuspension(Context c, RequestSuspension command)
    {
        var assignment = c.AssignmentOf(command.Department);
        c.Require(CaseAccess.IsDepartmentStaff(c.By, command.Department, handlerAllowed: false), $"suspensions are asked for by clerks of {command.Department}");
        c.RequireNotSuspended();
        c.RefuseIf(assignment.Status == AssignmentStatus.Handled, $"{command.Department} already reported its sub-task handled");
        c.RefuseIf(c.State.PendingSuspension is not null, $"a suspension asked for by {c.State.PendingSuspension?.Department} is waiting for a decision");
        c.Emit(new SuspensionRequested(c.Meta(Required(command.Reason, "A suspension's reason")), command.Department));
    }

    private static void DecideSuspension(Context c, DecideSuspension command)
    {
        c.Require(CaseAccess.IsCentreOver(c.By, c.Place, leaderOnly: true), "suspensions are decided by centre leaders over the case");
        c.RefuseIf(c.State.PendingSuspension is null, "no suspension is waiting for a decision");
        c.Emit(new SuspensionDecided(c.Meta(command.Reason), c.State.PendingSuspension!.Department, command.Approve));
    }

    private void Resume(Context c, ResumeCase command)
    {
        c.Require(
            CaseAccess.IsCentreOver(c.By, c.Place) || c.State.Assignments.Any(a => CaseAccess.IsDepartmentStaff(c.By, a.Department, handlerAllowed: false)),
            "resuming is for the centres over the case and clerks of its departments");
        c.RefuseIf(!c.State.IsSuspended, "it is not suspended");
        var meta = c.Meta(command.Reason);
        var from = c.State.SuspendedAt!.Value;
        foreach (var timer in c.State.Timers.Values.OrderBy(t => t.Key, StringComparer.Ordinal).ToList())
        {
            c.Emit(_sla.Shift(timer, from, c.Now, meta));
        }

        c.Emit(new CaseResumed(meta));
    }

    private void Supervise(Context c, SuperviseCase command)
    {
        c.Require(CaseAccess.IsCentreOver(c.By, c.Place, leaderOnly: true, aboveStreet: true), "supervision (督办) is issued by leaders of the district or city centre over the case");
        c.RefuseIf(!c.State.Status.IsOpen(), "only open cases are supervised");
        var limit = command.Limit ?? Rules.SupervisionLimit;
        if (limit.Duration <= TimeSpan.Zero || !Enum.IsDefined(limit.Mode))
        {
            throw new CaseCommandException(CaseErrorKind.Invalid, $"A supervision's limit must be positive; it is {limit}.");
        }

        var meta = c.Meta(Required(command.Text, "A supervision's text"));
        var id = c.State.NextSupervisionId;
        var centre = c.By.Org!;
        c.Emit(new SupervisionIssued(meta, id, centre));
        c.Emit(new TimerStarted(meta, _sla.Start(TimerKeys.Supervision(id), null, WorkOwner.Centre(centre), c.Now, limit)));
    }

    /// <summary>Applies every point of the clock that is due by now, each at its own instant, so a late tick changes nothing but lateness.</summary>
    private void TimerDue(Context c, TimerDue command)
    {
        c.Require(command.By.Role == Role.System, "only the SLA clock fires timers");
        if (c.State.IsSuspended)
        {
            return;
        }

        while (c.State.Timers.TryGetValue(command.Key ?? "", out var timer) && timer.NextPoint is { } point && point <= c.Now)
        {
            ApplyPoint(c, timer, point, command.By);
        }
    }

    /// <summary>
    /// Applies every clock point already due before a command acts. The tick of a point can arrive after a command
    /// that stops its clock (a busy silo, a restart); without this the stage would end on time in the journal and the
    /// KPIs although its deadline had passed.
    /// </summary>
    private void CatchUpClock(Context c)
    {
        if (c.State.IsSuspended)
        {
            return;
        }

        while (NextDuePoint(c) is { } timer)
        {
            ApplyPoint(c, timer, timer.NextPoint!.Value, Actor.Clock);
        }
    }

    private static SlaTimer? NextDuePoint(Context c) =>
        c.State.Timers.Values
            .Where(t => t.NextPoint is { } point && point <= c.Now)
            .OrderBy(t => t.NextPoint)
            .ThenBy(t => t.Key, StringComparer.Ordinal)
            .FirstOrDefault();

    private void ApplyPoint(Context c, SlaTimer timer, DateTimeOffset point, Actor by)
    {
        var meta = new EventMeta(point, by);
        switch (timer.Phase)
        {
            case TimerPhase.Running:
                c.Emit(new TimerWarned(meta, timer.Key));
                break;
            case TimerPhase.Warned:
                c.Emit(new TimerOverdue(meta, timer.Key));
                if (!timer.IsSupervision && timer.EscalationLevel < SlaTimer.TopEscalationLevel)
                {
                    Escalate(c, timer, timer.EscalationLevel + 1, point, meta);
                }

                break;
            default:
                Escalate(c, timer, timer.EscalationLevel + 1, point, meta);
                break;
        }
    }

    private void Escalate(Context c, SlaTimer timer, int level, DateTimeOffset from, EventMeta meta) =>
        c.Emit(new TimerEscalated(meta, timer.Key, level, SlaPlanner.EscalationCentre(City, c.Place, level), _sla.EscalationDue(level, from)));
}
