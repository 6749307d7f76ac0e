using CityActors.Domain.Matters;

namespace CityActors.Domain.Cases;

/// <summary>Verification, acceptance, dispatch and reopening: the work of field staff and operations centres.</summary>
public sealed partial class CaseDecider
{
    private static void Verify(Context c, VerifyCase command)
    {
        c.Require(CaseAccess.IsFieldStaffAt(c.By, c.Place) || CaseAccess.IsCentreOver(c.By, c.Place), "verification is for the grid inspector, the community or the centres over the case");
        c.RequireStatus(CaseStatus.Reported);
        var meta = c.Meta(command.Note, command.Photos);
        c.Emit(new CaseVerified(meta));
        c.StopTimer(TimerKeys.Verify, meta);
        c.StartStage(TimerKeys.Dispatch, CaseStage.AcceptAndDispatch, c.Centre, meta);
    }

    private static void Reject(Context c, RejectCase command)
    {
        c.Require(CaseAccess.IsFieldStaffAt(c.By, c.Place) || CaseAccess.IsCentreOver(c.By, c.Place), "verification is for the grid inspector, the community or the centres over the case");
        c.RequireStatus(CaseStatus.Reported);
        var meta = c.Meta(Required(command.Reason, "A rejection's reason"));
        c.Emit(new CaseRejected(meta));
        c.StopTimers(_ => true, meta);
    }

    private static void Merge(Context c, MergeCase command)
    {
        c.Require(CaseAccess.IsFieldStaffAt(c.By, c.Place) || CaseAccess.IsCentreOver(c.By, c.Place), "verification is for the grid inspector, the community or the centres over the case");
        c.RequireStatus(CaseStatus.Reported);
        if (string.IsNullOrWhiteSpace(command.IntoCaseId) || command.IntoCaseId == c.State.Id)
        {
            throw new CaseCommandException(CaseErrorKind.Invalid, $"Case {c.State.Id} cannot be merged into '{command.IntoCaseId}'; name another case.");
        }

        var meta = c.Meta($"duplicate of {command.IntoCaseId}");
        c.Emit(new CaseMerged(meta, command.IntoCaseId));
        c.StopTimers(_ => true, meta);
    }

    private static void Accept(Context c, AcceptCase command)
    {
        c.Require(CaseAccess.IsCentreOver(c.By, c.Place), "acceptance (立案) is for the centres over the case");
        c.RequireStatus(CaseStatus.Verified);
        c.Emit(new CaseAccepted(c.Meta(command.Note)));
        c.TryAutoDispatch();
    }

    private void Dispatch(Context c, DispatchCase command)
    {
        c.Require(CaseAccess.IsCentreOver(c.By, c.Place), "dispatch (派遣) is for the centres over the case");
        c.RequireStatus(CaseStatus.Accepted);
        var coHandlers = command.CoHandlers ?? [];
        foreach (var department in (IEnumerable<string>)[command.Lead, .. coHandlers])
        {
            if (City.FindDepartment(department ?? "") is null)
            {
                throw new CaseCommandException(CaseErrorKind.Invalid, $"Department '{department}' does not exist in city {City.Id}.");
            }
        }

        if (coHandlers.Distinct().Count() != coHandlers.Count || coHandlers.Contains(command.Lead))
        {
            throw new CaseCommandException(CaseErrorKind.Invalid, "A dispatch names each department once: co-handlers must differ from each other and from the lead.");
        }

        c.DispatchTo(command.Lead, coHandlers, manual: true, c.Meta(command.Note));
    }

    private void Reopen(Context c, ReopenCase command)
    {
        c.Require(
            CaseAccess.IsCentreOver(c.By, c.Place) || CaseAccess.IsReporter(c.By, c.State) || CaseAccess.IsReportingSensorPlatform(c.By, c.State),
            "reopening is for the centres over the case, its reporters and, for a sensor case, the sensor platform when its condition comes back");
        c.RequireStatus(CaseStatus.Closed);
        c.RefuseIf(c.Now > c.State.ClosedAt!.Value + Rules.ReopenWindow, $"it closed at {c.State.ClosedAt:yyyy-MM-dd HH:mm zzz}, more than {Rules.ReopenWindow} ago");
        var meta = c.Meta(Required(command.Reason, "A reopening's reason"));
        c.Emit(new CaseReopened(meta));
        c.StartStage(TimerKeys.Dispatch, CaseStage.AcceptAndDispatch, c.Centre, meta);
        c.TryAutoDispatch();
    }

    private static void LinkReporter(Context c, LinkReporter command)
    {
        c.Require(command.By.Role == Role.System, "only the cluster links merged reporters");

        // Any existing case takes the reporter, open or not: the link follows a merge that is already committed, so
        // refusing it would only lose the reporter (who is then told about the surviving case's outcome).
        Required(command.FromCaseId, "The merged case's id");
        if (!c.State.MergedCases.Contains(command.FromCaseId))
        {
            c.Emit(new ReporterLinked(c.Meta($"merged from {command.FromCaseId}"), command.FromCaseId, command.Reporter));
        }
    }
}
