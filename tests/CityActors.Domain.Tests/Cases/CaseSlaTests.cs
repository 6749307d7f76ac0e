using CityActors.Domain.Cases;
using static CityActors.Domain.Tests.Cases.CaseBook;

namespace CityActors.Domain.Tests.Cases;

/// <summary>Clocks in the Riverton calendar: 09:00–12:00 and 13:30–17:30 on weekdays, holidays 1, 2 and 5 October 2026, make-up Saturday 10 October.</summary>
public sealed class CaseSlaTests
{
    private const string Water = "rt.1.water";

    [Fact]
    public void Warning_overdue_and_escalation_fire_at_exact_instants_across_a_night_a_weekend_and_holidays()
    {
        var book = new CaseBook();
        var id = book.Dispatched("sla-1", "0101", SouthBank, At(9, 30, 16, 50));
        book.Execute(id, new SignFor(Clerk(Water), Water), At(9, 30, 17));

        // 8 working hours from Wednesday 30 September 17:00: half an hour that day, then the holidays, the weekend and
        // Monday's holiday, all of Tuesday 6 October (7 h) and half an hour on Wednesday 7 October.
        var handle = book[id].Timers[TimerKeys.Handle(Water)];
        handle.DueAt.ShouldBe(At(10, 7, 9, 30));
        handle.WarnAt.ShouldBe(At(10, 6, 16, 24));

        book.Tick(id, At(10, 6, 16, 23)).ShouldBeEmpty();
        book.Tick(id, At(10, 6, 16, 24)).Single().ShouldBeOfType<TimerWarned>();
        CaseQueues.Of(book[id]).ShouldContain(new QueueEntry(WorkOwner.Department(Water), WorkQueue.Warned));

        book.Tick(id, At(10, 7, 9, 29)).ShouldBeEmpty();
        var overdue = book.Tick(id, At(10, 7, 9, 30));
        overdue[0].ShouldBeOfType<TimerOverdue>();
        var toDistrict = overdue[1].ShouldBeOfType<TimerEscalated>();
        (toDistrict.Level, toDistrict.CentreUnit, toDistrict.DueAt).ShouldBe((1, "rt.1", At(10, 7, 15)));
        CaseQueues.Of(book[id]).ShouldBe(
        [
            new QueueEntry(WorkOwner.Department(Water), WorkQueue.InHandling),
            new QueueEntry(WorkOwner.Department(Water), WorkQueue.Overdue),
            new QueueEntry(WorkOwner.Centre("rt.1"), WorkQueue.Escalated),
        ]);

        var toCity = book.Tick(id, At(10, 7, 15)).Single().ShouldBeOfType<TimerEscalated>();
        (toCity.Level, toCity.CentreUnit, toCity.DueAt).ShouldBe((2, "rt", At(10, 8, 16)));
        book[id].Timers[TimerKeys.Handle(Water)].NextPoint.ShouldBeNull();
        book.Tick(id, At(10, 20, 9)).ShouldBeEmpty();
    }

    [Fact]
    public void A_late_tick_applies_every_missed_point_at_its_own_instant()
    {
        var book = new CaseBook();
        var id = book.Dispatched("sla-2", "0101", SouthBank, At(9, 30, 16, 50));
        book.Execute(id, new SignFor(Clerk(Water), Water), At(9, 30, 17));

        var events = book.Tick(id, At(10, 9, 12));

        events.Select(e => (e.GetType().Name, e.Meta.At)).ShouldBe(
        [
            ("TimerWarned", At(10, 6, 16, 24)),
            ("TimerOverdue", At(10, 7, 9, 30)),
            ("TimerEscalated", At(10, 7, 9, 30)),
            ("TimerEscalated", At(10, 7, 15)),
        ]);
    }

    [Fact]
    public void A_command_after_a_deadline_whose_tick_has_not_arrived_finds_the_stage_overdue()
    {
        var book = new CaseBook();
        var id = book.Dispatched("sla-4", "0101", SouthBank, At(9, 30, 16, 50));
        book.Execute(id, new SignFor(Clerk(Water), Water), At(9, 30, 17));

        // The handling deadline (7 October 09:30) passed, its tick is still on its way; the department reports handled.
        var events = book.Execute(id, new ReportHandled(Handler(Water), Water, "已修复"), At(10, 7, 10));

        events.Select(e => (e.GetType().Name, e.Meta.At, e.Meta.By)).Take(3).ShouldBe(
        [
            ("TimerWarned", At(10, 6, 16, 24), Actor.Clock),
            ("TimerOverdue", At(10, 7, 9, 30), Actor.Clock),
            ("TimerEscalated", At(10, 7, 9, 30), Actor.Clock),
        ]);
        events.Skip(3).ShouldAllBe(e => e.Meta.At == At(10, 7, 10));
        events.OfType<TimerEscalated>().ShouldHaveSingleItem();
    }

    [Fact]
    public void A_make_up_saturday_counts_as_working_time()
    {
        var book = new CaseBook();
        var id = book.Dispatched("sla-3", "0101", SouthBank, At(10, 9, 16));
        book.Execute(id, new SignFor(Clerk(Water), Water), At(10, 9, 16, 30));

        // One hour on Friday 9 October, then the whole make-up Saturday (7 h).
        book[id].Timers[TimerKeys.Handle(Water)].DueAt.ShouldBe(At(10, 10, 17, 30));
    }

    [Fact]
    public void An_approved_extension_moves_the_warning_and_the_deadline()
    {
        var book = new CaseBook();
        var id = book.Dispatched("ext-1", "0501", SouthBank, At(11, 16, 10));
        const string office = "rt.1.01.office";
        book.Execute(id, new SignFor(Clerk(office), office), At(11, 16, 10, 20));

        book.Execute(id, new RequestExtension(Clerk(office), office, TimeSpan.FromHours(2), "需要协调环卫车辆"), At(11, 16, 11));
        CaseQueues.Of(book[id]).ShouldContain(new QueueEntry(WorkOwner.Centre("rt.1.01"), WorkQueue.AwaitingApproval));
        Should.Throw<CaseCommandException>(() => book.Execute(id, new DecideExtension(Operator("rt.1.01"), true), At(11, 16, 11, 30)))
            .Kind.ShouldBe(CaseErrorKind.Forbidden);
        book.Execute(id, new DecideExtension(Leader("rt.1.01"), true, "同意"), At(11, 16, 11, 30));

        // 4 h + 2 h working from Monday 10:20: 1 h 40 before lunch, 4 h in the afternoon, 20 min on Tuesday.
        var handle = book[id].Timers[TimerKeys.Handle(office)];
        (handle.WarnAt, handle.DueAt, handle.Added).ShouldBe((At(11, 16, 16, 38), At(11, 17, 9, 20), TimeSpan.FromHours(2)));
        book[id].ExtensionsApproved.ShouldBe(1);
        book[id].PendingExtension.ShouldBeNull();
    }

    [Fact]
    public void Extensions_are_refused_after_the_deadline_and_when_refused_change_nothing()
    {
        var book = new CaseBook();
        var id = book.Dispatched("ext-2", "0501", SouthBank, At(11, 16, 10));
        const string office = "rt.1.01.office";
        book.Execute(id, new SignFor(Clerk(office), office), At(11, 16, 10, 20));
        book.Execute(id, new RequestExtension(Clerk(office), office, TimeSpan.FromHours(1), "等待配件"), At(11, 16, 11));
        book.Execute(id, new DecideExtension(Leader("rt.1"), false, "时限充足"), At(11, 16, 11, 10));
        book[id].Timers[TimerKeys.Handle(office)].DueAt.ShouldBe(At(11, 16, 15, 50));

        book.Tick(id, At(11, 16, 15, 50));
        Should.Throw<CaseCommandException>(() => book.Execute(id, new RequestExtension(Clerk(office), office, TimeSpan.FromHours(1), "late"), At(11, 16, 16)))
            .Message.ShouldBe("Case hl-ext-2 is Handling: RequestExtension is not allowed because the handling deadline 2026-11-16 15:50 +08:00 has passed; extensions are asked for before it.");
    }

    [Fact]
    public void A_suspension_stops_every_clock_and_resuming_moves_them_on_by_its_working_length()
    {
        var book = new CaseBook();
        var id = book.Dispatched("sus-1", "0501", SouthBank, At(11, 16, 10));
        const string office = "rt.1.01.office";
        book.Execute(id, new SignFor(Clerk(office), office), At(11, 16, 10, 20));
        book.Execute(id, new SuperviseCase(Leader("rt.1"), "请加快处置", TimeLimit(3)), At(11, 16, 10, 30));

        book.Execute(id, new RequestSuspension(Clerk(office), office, "等待产权单位确认"), At(11, 16, 10, 50));
        book.Execute(id, new DecideSuspension(Leader("rt.1.01"), true), At(11, 16, 11));
        book.Tick(id, At(11, 17, 9)).ShouldBeEmpty();
        Should.Throw<CaseCommandException>(() => book.Execute(id, new ReportHandled(Clerk(office), office, "x"), At(11, 17, 9)))
            .Message.ShouldContain("is suspended since");

        book.Execute(id, new ResumeCase(Clerk(office), "产权已确认"), At(11, 17, 10));

        // Suspended 11:00 Monday to 10:00 Tuesday = 6 working hours; the 4 h limit had 3 h 20 left.
        var handle = book[id].Timers[TimerKeys.Handle(office)];
        (handle.WarnAt, handle.DueAt, handle.Added).ShouldBe((At(11, 17, 14, 2), At(11, 17, 14, 50), TimeSpan.FromHours(6)));
        // The supervision (3 working hours from 10:30 Monday) had 2 h 30 left.
        book[id].Timers[TimerKeys.Supervision(1)].DueAt.ShouldBe(At(11, 17, 14));
        book[id].EverSuspended.ShouldBeTrue();
    }

    [Fact]
    public void Supervision_comes_from_a_higher_centre_with_its_own_deadline_and_ends_with_the_case()
    {
        var book = new CaseBook();
        var id = book.Dispatched("sup-1", "0501", SouthBank, At(11, 16, 10));

        Should.Throw<CaseCommandException>(() => book.Execute(id, new SuperviseCase(Leader("rt.1.01"), "督办"), At(11, 16, 10, 5))).Kind.ShouldBe(CaseErrorKind.Forbidden);
        Should.Throw<CaseCommandException>(() => book.Execute(id, new SuperviseCase(Leader("rt.2"), "督办"), At(11, 16, 10, 5))).Kind.ShouldBe(CaseErrorKind.Forbidden);
        book.Execute(id, new SuperviseCase(Leader("rt"), "市级督办: 今日办结", TimeLimit(2)), At(11, 16, 10, 5));

        var timer = book[id].Timers[TimerKeys.Supervision(1)];
        (timer.Owner, timer.DueAt).ShouldBe((WorkOwner.Centre("rt"), At(11, 16, 13, 35)));
        CaseQueues.Of(book[id]).ShouldContain(new QueueEntry(WorkOwner.Centre("rt"), WorkQueue.Supervised));
        book.Tick(id, At(11, 16, 13, 35));
        book[id].Timers[TimerKeys.Supervision(1)].Phase.ShouldBe(TimerPhase.Overdue);
        book[id].Timers[TimerKeys.Supervision(1)].NextPoint.ShouldBeNull();
        CaseQueues.Of(book[id]).ShouldContain(new QueueEntry(WorkOwner.Centre("rt"), WorkQueue.Overdue));

        const string office = "rt.1.01.office";
        book.Execute(id, new SignFor(Clerk(office), office), At(11, 16, 14));
        book.Execute(id, new ReportHandled(Clerk(office), office, "done"), At(11, 16, 14, 30));
        book.Execute(id, new InspectCase(Operator("rt.1.01"), true), At(11, 16, 15));
        book[id].Timers.ShouldBeEmpty();
        book[id].Supervisions.ShouldBeEmpty();
    }

    private static Domain.Calendar.TimeLimit TimeLimit(double workingHours) => Domain.Calendar.TimeLimit.WorkingHours(workingHours);
}
