using CityActors.Domain.Cases;
using static CityActors.Domain.Tests.Cases.CaseBook;

namespace CityActors.Domain.Tests.Cases;

public sealed class CaseLifecycleTests
{
    [Fact]
    public void A_hotline_case_goes_from_report_to_evaluation_with_every_step_in_its_journal()
    {
        var book = new CaseBook();
        var id = book.Report("20261116-0001", "0501", SouthBank, At(11, 16, 10));

        id.ShouldBe("hl-20261116-0001");
        var reported = book[id];
        reported.Status.ShouldBe(CaseStatus.Reported);
        reported.Place.ShouldBe(new CasePlace(reported.Place!.GridCode, "rt.1.01.south", "rt.1.01", "rt.1", 121.405, 31.205, null));
        reported.Timers[TimerKeys.Verify].DueAt.ShouldBe(At(11, 16, 10, 30));
        reported.Timers[TimerKeys.Verify].WarnAt.ShouldBe(At(11, 16, 10, 24));
        CaseQueues.Of(reported).ShouldBe([new QueueEntry(WorkOwner.Centre("rt.1.01"), WorkQueue.AwaitingVerification)]);

        book.Execute(id, new VerifyCase(Inspector(reported.Place.GridCode!), "现场确认", ["photo://v1"]), At(11, 16, 10, 10));
        book[id].Timers.Keys.ShouldBe([TimerKeys.Dispatch]);
        book[id].Timers[TimerKeys.Dispatch].DueAt.ShouldBe(At(11, 16, 10, 40));

        book.Execute(id, new AcceptCase(Operator("rt.1.01")), At(11, 16, 10, 15));
        var dispatched = book[id];
        dispatched.Status.ShouldBe(CaseStatus.Dispatched);
        dispatched.Lead!.Department.ShouldBe("rt.1.01.office");
        dispatched.DispatchedOnTime.ShouldBe(true);
        CaseQueues.Of(dispatched).ShouldBe([new QueueEntry(WorkOwner.Department("rt.1.01.office"), WorkQueue.AwaitingSignFor)]);

        book.Execute(id, new SignFor(Clerk("rt.1.01.office"), "rt.1.01.office"), At(11, 16, 10, 20));
        var handle = book[id].Timers[TimerKeys.Handle("rt.1.01.office")];
        (handle.WarnAt, handle.DueAt).ShouldBe((At(11, 16, 15, 2), At(11, 16, 15, 50)));

        book.Execute(id, new ReportHandled(Handler("rt.1.01.office"), "rt.1.01.office", "已清运", ["photo://h1"]), At(11, 16, 14));
        book[id].Status.ShouldBe(CaseStatus.Handled);
        book[id].Timers[TimerKeys.Inspect].DueAt.ShouldBe(At(11, 16, 15));

        book.Execute(id, new InspectCase(Inspector(reported.Place.GridCode!), Passed: true, "已核查"), At(11, 16, 14, 30));
        book.Execute(id, new EvaluateCase(new Actor("citizen-1", Role.Citizen), 5, "很快"), At(11, 16, 16));

        var closed = book[id];
        closed.Status.ShouldBe(CaseStatus.Closed);
        closed.Satisfaction.ShouldBe(5);
        closed.Timers.ShouldBeEmpty();
        closed.EverOverdue.ShouldBeFalse();
        CaseQueues.Of(closed).ShouldBeEmpty();
        CaseQueues.OwnerOf(closed).ShouldBeNull();
        book.Journals[id].Select(e => e.GetType().Name).ShouldBe(
        [
            "CaseReported", "TimerStarted", "CaseVerified", "TimerStopped", "TimerStarted", "CaseAccepted", "CaseDispatched", "TimerStopped",
            "TimerStarted", "AssignmentSignedFor", "TimerStopped", "TimerStarted", "AssignmentHandled", "TimerStopped", "TimerStarted",
            "CaseClosed", "TimerStopped", "CaseEvaluated",
        ]);
        var handled = book.Journals[id].OfType<AssignmentHandled>().Single().Meta;
        (handled.By.Role, handled.By.Org, handled.Reason, handled.At).ShouldBe((Role.DepartmentHandler, "rt.1.01.office", "已清运", At(11, 16, 14)));
        handled.Attachments.ShouldBe(["photo://h1"]);
    }

    [Fact]
    public void The_same_channel_and_external_id_returns_the_same_case()
    {
        var book = new CaseBook();
        var first = book.Report("dup-1", "0501", SouthBank, At(11, 16, 10));
        var events = book.Journals[first].Count;

        var again = book.Report("dup-1", "0501", Market, At(11, 16, 11));

        again.ShouldBe(first);
        book.Journals[first].Count.ShouldBe(events);
        book[first].Place!.StreetCode.ShouldBe("rt.1.01");
    }

    [Fact]
    public void Reports_outside_the_city_or_of_unknown_matters_are_refused_precisely()
    {
        var book = new CaseBook();

        Should.Throw<CaseCommandException>(() => book.Report("x1", "0501", ReportedLocation.At(121.45, 31.21), At(11, 16, 10)))
            .Message.ShouldBe("Location (121.45, 31.21) is outside city rt.");
        Should.Throw<CaseCommandException>(() => book.Report("x2", "9999", SouthBank, At(11, 16, 10)))
            .Message.ShouldBe("Matter '9999' is not in catalogue rt-sample of city rt.");
        Should.Throw<CaseCommandException>(() => book.Report("x3", "0501", new ReportedLocation(Address: "江边路 1 号"), At(11, 16, 10)))
            .Message.ShouldBe("Location needs a longitude and latitude, or an address with the grid cell or community it is in.");
        Should.Throw<CaseCommandException>(() => book.Report("bad id", "0501", SouthBank, At(11, 16, 10)))
            .Kind.ShouldBe(CaseErrorKind.Invalid);
        Should.Throw<CaseCommandException>(() => book.Execute("hl-other", new ReportCase(Hotline, new CaseReport(Channel.Hotline, "x4", "0501", "d", SouthBank)), At(11, 16, 10)))
            .Message.ShouldBe("Report Hotline/x4 belongs to case hl-x4, not hl-other.");
        book.States.ShouldBeEmpty();
    }

    [Fact]
    public void Commands_missing_their_parts_are_refused_as_invalid()
    {
        var book = new CaseBook();

        Should.Throw<CaseCommandException>(() => book.Execute("hl-n1", new ReportCase(Hotline, new CaseReport(Channel.Hotline, "n1", "0501", "d", null!)), At(11, 16, 10)))
            .Message.ShouldBe("A report needs a location.");
        Should.Throw<CaseCommandException>(() => book.Execute("hl-n2", new ReportCase(null!, new CaseReport(Channel.Hotline, "n2", "0501", "d", SouthBank)), At(11, 16, 10)))
            .Message.ShouldBe("ReportCase needs an actor with an id and a known role.");
        var id = book.Report("n3", "0501", SouthBank, At(11, 16, 10));
        Should.Throw<CaseCommandException>(() => book.Execute(id, new VerifyCase(new Actor("x", (Role)99)), At(11, 16, 10)))
            .Kind.ShouldBe(CaseErrorKind.Invalid);
        book.Execute(id, new TimerDue(Actor.Clock, null!), At(11, 16, 10)).ShouldBeEmpty();
    }

    [Fact]
    public void An_address_report_resolves_through_the_unit_the_operator_picked()
    {
        var book = new CaseBook();
        var id = book.Report("addr-1", "0501", new ReportedLocation(Address: "北岸路 8 号", UnitCode: "rt.1.01.north"), At(11, 16, 10));

        book[id].Place.ShouldBe(new CasePlace(null, "rt.1.01.north", "rt.1.01", "rt.1", null, null, "北岸路 8 号"));
    }

    [Fact]
    public void Sensor_reports_verify_themselves_and_hotline_reports_wait_for_the_street()
    {
        var book = new CaseBook();
        var sensor = book.Report("s-1", "0101", SouthBank, At(11, 16, 10), Channel.Sensor);
        var hotline = book.Report("h-1", "0101", SouthBank, At(11, 16, 10));

        book[sensor].Status.ShouldBe(CaseStatus.Verified);
        book.Journals[sensor].OfType<CaseVerified>().Single().Meta.Reason.ShouldBe("auto-verified: channel Sensor");
        book[hotline].Status.ShouldBe(CaseStatus.Reported);
    }

    [Fact]
    public void Dispatch_follows_owner_first_for_components_and_territory_first_for_events()
    {
        var city = Riverton.Value;
        var decider = new CaseDecider(city, CaseRules.Default);
        var southBank = decider.Locate(SouthBank);
        var harbour = decider.Locate(Harbour);

        DispatchPlanner.Plan(city, city.Catalogue.Find("0101")!, southBank).SingleOwner.ShouldBe("rt.1.water");
        DispatchPlanner.Plan(city, city.Catalogue.Find("0501")!, southBank).SingleOwner.ShouldBe("rt.1.01.office");
        DispatchPlanner.Plan(city, city.Catalogue.Find("0501")!, harbour).SingleOwner.ShouldBe("rt.2.02.office");
        var ambiguous = DispatchPlanner.Plan(city, city.Catalogue.Find("0301")!, southBank);
        ambiguous.SingleOwner.ShouldBeNull();
        ambiguous.Candidates.ShouldBe(["rt.1.municipal", "rt.transit"]);
        ambiguous.Explanation.ShouldContain("the centre decides");
    }

    [Fact]
    public void A_multi_department_case_closes_only_when_every_sub_task_is_done_and_rework_reopens_them_all()
    {
        var book = new CaseBook();
        var id = book.Dispatched("md-1", "0301", SouthBank, At(11, 16, 10));
        book[id].Status.ShouldBe(CaseStatus.Accepted);
        CaseQueues.Of(book[id]).ShouldContain(new QueueEntry(WorkOwner.Centre("rt.1.01"), WorkQueue.AwaitingDispatch));

        book.Execute(id, new DispatchCase(Operator("rt.1.01"), "rt.1.municipal", ["rt.transit"]), At(11, 16, 10, 5));
        book[id].Assignments.Select(a => (a.Department, a.IsLead)).ShouldBe([("rt.1.municipal", true), ("rt.transit", false)]);
        book.Execute(id, new SignFor(Clerk("rt.1.municipal"), "rt.1.municipal"), At(11, 16, 10, 10));
        book[id].Status.ShouldBe(CaseStatus.Dispatched);
        book.Execute(id, new SignFor(Clerk("rt.transit"), "rt.transit"), At(11, 16, 10, 12));
        book[id].Status.ShouldBe(CaseStatus.Handling);

        book.Execute(id, new ReportHandled(Handler("rt.1.municipal"), "rt.1.municipal", "路面已修补"), At(11, 16, 11));
        book[id].Status.ShouldBe(CaseStatus.Handling);
        book[id].Timers.Keys.Order().ShouldBe([TimerKeys.Handle("rt.transit")]);
        book.Execute(id, new ReportHandled(Handler("rt.transit"), "rt.transit", "公交改道已恢复"), At(11, 16, 11, 30));
        book[id].Status.ShouldBe(CaseStatus.Handled);

        book.Execute(id, new InspectCase(Operator("rt.1.01"), Passed: false, "仍有坑洼"), At(11, 16, 11, 45));
        book[id].Status.ShouldBe(CaseStatus.Handling);
        book[id].Reworks.ShouldBe(1);
        book[id].Timers.Keys.Order().ShouldBe([TimerKeys.Handle("rt.1.municipal"), TimerKeys.Handle("rt.transit")]);

        book.Execute(id, new ReportHandled(Handler("rt.1.municipal"), "rt.1.municipal", "返工完成"), At(11, 16, 14));
        book.Execute(id, new ReportHandled(Handler("rt.transit"), "rt.transit", "返工完成"), At(11, 16, 14, 10));
        book.Execute(id, new InspectCase(Operator("rt.1.01"), Passed: true), At(11, 16, 14, 30));
        book[id].Status.ShouldBe(CaseStatus.Closed);
    }

    [Fact]
    public void A_closed_case_keeps_how_it_was_resolved_the_lead_s_latest_feedback_and_the_closing_note_until_reopened()
    {
        var book = new CaseBook();
        var id = book.Dispatched("res-1", "0301", SouthBank, At(11, 16, 10));
        book.Execute(id, new DispatchCase(Operator("rt.1.01"), "rt.1.municipal", ["rt.transit"]), At(11, 16, 10, 5));
        book.Execute(id, new SignFor(Clerk("rt.1.municipal"), "rt.1.municipal"), At(11, 16, 10, 10));
        book.Execute(id, new SignFor(Clerk("rt.transit"), "rt.transit"), At(11, 16, 10, 12));
        book.Execute(id, new ReportHandled(Handler("rt.1.municipal"), "rt.1.municipal", "路面已修补"), At(11, 16, 11));
        book.Execute(id, new ReportHandled(Handler("rt.transit"), "rt.transit", "公交改道已恢复"), At(11, 16, 11, 30));
        book[id].HandlingFeedback.ShouldBe("路面已修补");
        book.Execute(id, new InspectCase(Operator("rt.1.01"), Passed: false, "仍有坑洼"), At(11, 16, 11, 45));
        book[id].ClosingNote.ShouldBeNull();

        book.Execute(id, new ReportHandled(Handler("rt.1.municipal"), "rt.1.municipal", "返工: 重新铺设沥青"), At(11, 16, 14));
        book.Execute(id, new ReportHandled(Handler("rt.transit"), "rt.transit", "返工完成"), At(11, 16, 14, 10));
        book.Execute(id, new InspectCase(Operator("rt.1.01"), Passed: true, "路面平整"), At(11, 16, 14, 30));

        var view = CaseView.From(book[id]);
        (view.HandlingFeedback, view.ClosingNote).ShouldBe(("返工: 重新铺设沥青", "路面平整"));
        book.Execute(id, new ReopenCase(Operator("rt.1.01"), "又出现坑洼"), At(11, 17, 9));
        (book[id].HandlingFeedback, book[id].ClosingNote).ShouldBe((null, null));
    }

    [Fact]
    public void A_department_that_is_not_assigned_cannot_act_on_the_case()
    {
        var book = new CaseBook();
        var id = book.Dispatched("na-1", "0101", SouthBank, At(11, 16, 10));

        var notAssigned = Should.Throw<CaseCommandException>(() => book.Execute(id, new SignFor(Clerk("rt.2.water"), "rt.2.water"), At(11, 16, 10, 5)));
        notAssigned.Kind.ShouldBe(CaseErrorKind.Forbidden);
        notAssigned.Message.ShouldBe("DepartmentClerk clerk-rt.2.water of rt.2.water may not SignFor case hl-na-1 (Dispatched): department 'rt.2.water' is not assigned to it.");
        var otherOrg = Should.Throw<CaseCommandException>(() => book.Execute(id, new SignFor(Clerk("rt.2.water"), "rt.1.water"), At(11, 16, 10, 5)));
        otherOrg.Message.ShouldBe("DepartmentClerk clerk-rt.2.water of rt.2.water may not SignFor case hl-na-1 (Dispatched); signing for is for clerks of rt.1.water.");
    }

    [Fact]
    public void An_invalid_transition_names_the_state_and_the_command()
    {
        var book = new CaseBook();
        var id = book.Dispatched("it-1", "0101", SouthBank, At(11, 16, 10));

        var error = Should.Throw<CaseCommandException>(() => book.Execute(id, new InspectCase(Operator("rt.1.01"), true), At(11, 16, 10, 5)));

        error.Kind.ShouldBe(CaseErrorKind.InvalidTransition);
        error.Message.ShouldBe("Case hl-it-1 is Dispatched: InspectCase needs it to be Handled.");
        Should.Throw<CaseCommandException>(() => book.Execute("hl-none", new VerifyCase(Operator("rt.1.01")), At(11, 16, 10)))
            .Message.ShouldBe("Case hl-none does not exist; VerifyCase needs a reported case.");
    }

    [Fact]
    public void Returns_go_back_to_the_centre_and_repeated_returns_escalate_redispatch_to_the_district()
    {
        var book = new CaseBook();
        var id = book.Dispatched("rt-1", "0501", SouthBank, At(11, 16, 10));

        book.Execute(id, new ReturnCase(Clerk("rt.1.01.office"), "rt.1.01.office", "不属于本单位"), At(11, 16, 10, 30));
        book[id].Status.ShouldBe(CaseStatus.Accepted);
        book[id].Timers[TimerKeys.Dispatch].EscalationLevel.ShouldBe(0);

        book.Execute(id, new DispatchCase(Operator("rt.1.01"), "rt.1.cgj"), At(11, 16, 10, 40));
        book.Execute(id, new ReturnCase(Clerk("rt.1.cgj"), "rt.1.cgj", "应由街道处置"), At(11, 16, 10, 50));

        var state = book[id];
        state.Returns.ShouldBe(2);
        state.Timers[TimerKeys.Dispatch].EscalatedTo.ShouldBe("rt.1");
        CaseQueues.Of(state).ShouldBe(
        [
            new QueueEntry(WorkOwner.Centre("rt.1.01"), WorkQueue.AwaitingDispatch),
            new QueueEntry(WorkOwner.Centre("rt.1"), WorkQueue.Escalated),
        ]);
        book.Execute(id, new DispatchCase(Operator("rt.1"), "rt.1.01.office", Note: "区级协调: 街道处置"), At(11, 16, 11));
        book[id].Lead!.Department.ShouldBe("rt.1.01.office");
    }

    [Fact]
    public void Probable_duplicates_are_flagged_at_verification_and_merging_links_the_reporter()
    {
        var book = new CaseBook();
        var first = book.Report("dp-1", "0501", Harbour, At(11, 16, 10));
        var second = book.Report("dp-2", "0501", Harbour, At(11, 16, 10, 20), Channel.Sensor, duplicates: [first]);

        book[second].Status.ShouldBe(CaseStatus.Reported);
        book[second].DuplicateCandidates.ShouldBe([first]);

        book.Execute(second, new MergeCase(Operator("rt.2.02"), first), At(11, 16, 10, 30));
        book.Execute(first, new LinkReporter(Actor.Clock, second, new Reporter(Phone: "139")), At(11, 16, 10, 30));
        book.Execute(first, new LinkReporter(Actor.Clock, second, new Reporter(Phone: "139")), At(11, 16, 10, 31));

        book[second].Status.ShouldBe(CaseStatus.Merged);
        book[second].MergedInto.ShouldBe(first);
        book[second].Timers.ShouldBeEmpty();
        book[first].Reporters.Count.ShouldBe(2);
        book[first].MergedCases.ShouldBe([second]);
    }

    [Fact]
    public void The_duplicate_index_finds_the_same_matter_within_radius_and_window()
    {
        var index = new DuplicateIndex();
        index.Add(new OpenCaseMark("a", "0501", 100, 100, At(11, 16, 9)));
        index.Add(new OpenCaseMark("b", "0501", 100, 180, At(11, 16, 9)));
        index.Add(new OpenCaseMark("c", "0101", 100, 100, At(11, 16, 9)));
        index.Add(new OpenCaseMark("d", "0501", 110, 100, At(11, 14, 9)));

        index.FindNear("0501", 120, 100, 50, At(11, 15, 10)).ShouldBe(["a"]);
        index.Remove("a").ShouldBeTrue();
        index.FindNear("0501", 120, 100, 50, At(11, 15, 10)).ShouldBeEmpty();
        DuplicateIndex.TilesAround(990, 10, 50).ShouldBe([(0L, -1L), (0L, 0L), (1L, -1L), (1L, 0L)]);
    }

    [Fact]
    public void A_closed_case_reopens_within_the_window_only()
    {
        var book = new CaseBook();
        var id = Closed(book, "ro-1", At(11, 16, 10));

        book.Execute(id, new ReopenCase(new Actor("citizen-1", Role.Citizen), "垃圾又出现了"), At(11, 22, 9));
        book[id].Status.ShouldBe(CaseStatus.Dispatched);
        book[id].Reopens.ShouldBe(1);

        book.Execute(id, new SignFor(Clerk("rt.1.01.office"), "rt.1.01.office"), At(11, 23, 9));
        book.Execute(id, new ReportHandled(Clerk("rt.1.01.office"), "rt.1.01.office", "再次清运"), At(11, 23, 10));
        book.Execute(id, new InspectCase(Operator("rt.1.01"), true), At(11, 23, 11));
        var late = Should.Throw<CaseCommandException>(() => book.Execute(id, new ReopenCase(Operator("rt.1.01"), "again"), At(12, 1, 11)));
        late.Kind.ShouldBe(CaseErrorKind.InvalidTransition);
        late.Message.ShouldContain("more than 7.00:00:00 ago");
    }

    internal static string Closed(CaseBook book, string externalId, DateTimeOffset at)
    {
        var id = book.Dispatched(externalId, "0501", SouthBank, at);
        book.Execute(id, new SignFor(Clerk("rt.1.01.office"), "rt.1.01.office"), at.AddMinutes(5));
        book.Execute(id, new ReportHandled(Clerk("rt.1.01.office"), "rt.1.01.office", "done"), at.AddMinutes(30));
        book.Execute(id, new InspectCase(Operator("rt.1.01"), true), at.AddMinutes(40));
        return id;
    }
}
