using CityActors.Domain.Matters;

namespace CityActors.Domain.Cases;

/// <summary>Sign-for, handling, returns, inspection and evaluation.</summary>
public sealed partial class CaseDecider
{
    private static void SignFor(Context c, SignFor command)
    {
        var assignment = c.AssignmentOf(command.Department);
        c.Require(CaseAccess.IsDepartmentStaff(c.By, command.Department, handlerAllowed: false), $"signing for is for clerks of {command.Department}");
        c.RequireNotSuspended();
        c.RefuseIf(assignment.Status != AssignmentStatus.AwaitingSignFor, $"{command.Department} already signed for it");
        var meta = c.Meta();
        c.Emit(new AssignmentSignedFor(meta, command.Department));
        c.StopTimer(TimerKeys.SignFor(command.Department), meta);
        c.StartStage(TimerKeys.Handle(command.Department), CaseStage.Handle, WorkOwner.Department(command.Department), meta);
    }

    private static void ReportHandled(Context c, ReportHandled command)
    {
        var assignment = c.AssignmentOf(command.Department);
        c.Require(CaseAccess.IsDepartmentStaff(c.By, command.Department, handlerAllowed: true), $"handling is for clerks and handlers of {command.Department}");
        c.RequireNotSuspended();
        c.RefuseIf(assignment.Status != AssignmentStatus.Handling, $"{command.Department}'s sub-task is {assignment.Status}, not Handling");
        var meta = c.Meta(Required(command.Feedback, "Feedback"), command.Photos);
        c.Emit(new AssignmentHandled(meta, command.Department));
        c.StopTimer(TimerKeys.Handle(command.Department), meta);
        c.StartInspectionIfAllHandled(meta);
    }

    private void Return(Context c, ReturnCase command)
    {
        var assignment = c.AssignmentOf(command.Department);
        c.Require(CaseAccess.IsDepartmentStaff(c.By, command.Department, handlerAllowed: false), $"returns are for clerks of {command.Department}");
        c.RequireNotSuspended();
        c.RefuseIf(assignment.Status == AssignmentStatus.Handled, $"{command.Department} already reported its sub-task handled");
        var meta = c.Meta(Required(command.Reason, "A return's reason"));
        if (assignment.IsLead)
        {
            c.Emit(new AssignmentReturned(meta, command.Department));
            c.StopTimers(TimerKeys.IsSubTask, meta);
            var level = c.State.Returns >= Rules.ReturnsBeforeEscalation ? 1 : 0;
            c.StartStage(TimerKeys.Dispatch, CaseStage.AcceptAndDispatch, c.Centre, meta, level);
        }
        else
        {
            c.Emit(new AssignmentReturned(meta, command.Department));
            c.StopTimer(TimerKeys.SignFor(command.Department), meta);
            c.StopTimer(TimerKeys.Handle(command.Department), meta);
            c.StartInspectionIfAllHandled(meta);
        }
    }

    private static void Inspect(Context c, InspectCase command)
    {
        c.Require(CaseAccess.IsFieldStaffAt(c.By, c.Place) || CaseAccess.IsCentreOver(c.By, c.Place), "inspection (核查) is for the grid inspector, the community or the centres over the case");
        c.RequireStatus(CaseStatus.Handled);
        var meta = c.Meta(command.Note, command.Photos);
        if (command.Passed)
        {
            c.Emit(new CaseClosed(meta));
            c.StopTimers(_ => true, meta);
            return;
        }

        c.Emit(new InspectionFailed(meta));
        c.StopTimer(TimerKeys.Inspect, meta);
        foreach (var assignment in c.State.Assignments)
        {
            c.StartStage(TimerKeys.Handle(assignment.Department), CaseStage.Handle, WorkOwner.Department(assignment.Department), meta);
        }
    }

    private static void Evaluate(Context c, EvaluateCase command)
    {
        c.Require(CaseAccess.IsReporter(c.By, c.State) || CaseAccess.IsCentreOver(c.By, c.Place), "evaluation is for the case's reporters and the centres' call-backs (回访)");
        c.RequireStatus(CaseStatus.Closed);
        c.RefuseIf(c.State.Satisfaction is not null, $"it was already evaluated ({c.State.Satisfaction})");
        if (command.Satisfaction is < 1 or > 5)
        {
            throw new CaseCommandException(CaseErrorKind.Invalid, $"Satisfaction must be 1–5; it is {command.Satisfaction}.");
        }

        c.Emit(new CaseEvaluated(c.Meta(command.Comment), command.Satisfaction));
    }
}
