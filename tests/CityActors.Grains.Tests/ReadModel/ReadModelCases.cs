using CityActors.Domain.Cases;
using CityActors.Domain.Matters;
using CityActors.Grains.Cases;
using CityActors.Journals;
using static CityActors.Grains.Tests.CaseSilo;

namespace CityActors.Grains.Tests.ReadModel;

/// <summary>
/// Cases of the Riverton test city decided without a silo and projected as the case projection stores them, with every
/// clock applied up to <see cref="Now"/>: every status, both districts, several matters and departments, an urgent
/// case, yellow, red, escalated and supervised clocks, returns, rework, an extension, a suspension, evaluations, an
/// address-only report, and reports at the same instant or a tenth of a microsecond apart whose ids sort differently
/// by byte and by a language collation.
/// </summary>
internal static class ReadModelCases
{
    /// <summary>Wednesday 18 November 2026, 10:00 in Riverton.</summary>
    public static readonly DateTimeOffset Now = At(11, 18, 10);

    public static readonly ReportedLocation Market = ReportedLocation.At(121.425, 31.201);

    /// <summary>The checkpoint the stores are saved with.</summary>
    public static readonly FeedPosition Checkpoint = new(1, 1);

    private static readonly Lazy<IReadOnlyList<ProjectedCase>> Cases = new(Build);

    public static IReadOnlyList<ProjectedCase> All => Cases.Value;

    public static IReadOnlyList<CaseView> Views => [.. All.Select(c => c.View)];

    public static CaseView View(string caseId) => Views.Single(v => v.Id == caseId);

    private static IReadOnlyList<ProjectedCase> Build()
    {
        var book = new Book();

        // Wednesday morning: new reports, some at one instant, two a few ticks apart.
        book.Report("A-1", "0101", SouthBank, At(11, 18, 9, 40));
        book.Report("a-1", "0501", Market, At(11, 18, 9, 40));
        var verified = book.Report("a_1", "0501", Harbour, At(11, 18, 9, 40));
        book.Execute(verified, new VerifyCase(Operator("rt.2.02")), At(11, 18, 9, 41));
        book.Report("a.1", "0601", new ReportedLocation(Address: "北岸路 12 号", UnitCode: "rt.1.01.north"), At(11, 18, 9, 40));
        book.Report("urgent", "0101", SouthBank, At(11, 18, 9, 51), Urgency.Urgent);
        book.Report("tick-b", "0601", Market, At(11, 18, 9, 35).AddTicks(5));
        book.Report("tick-a", "0601", Market, At(11, 18, 9, 35).AddTicks(2));
        book.Dispatched("dispatched", "0101", SouthBank, At(11, 18, 9));

        // Tuesday: handling with an extension and a supervision order; handled and left uninspected; returned; ended early.
        var handling = book.Dispatched("handling", "0101", SouthBank, At(11, 17, 14));
        book.Execute(handling, new SignFor(Clerk("rt.1.water"), "rt.1.water"), At(11, 17, 14, 10));
        book.Execute(handling, new RequestExtension(Clerk("rt.1.water"), "rt.1.water", TimeSpan.FromHours(2), "需协调停水"), At(11, 17, 14, 20));
        book.Execute(handling, new DecideExtension(Leader("rt.1.01"), true), At(11, 17, 14, 30));
        book.Execute(handling, new SuperviseCase(Leader("rt.1"), "督办: 尽快修复"), At(11, 17, 15));

        var handled = book.Dispatched("handled", "0501", Market, At(11, 17, 9));
        book.Execute(handled, new SignFor(Clerk("rt.2.01.office"), "rt.2.01.office"), At(11, 17, 9, 10));
        book.Execute(handled, new ReportHandled(Clerk("rt.2.01.office"), "rt.2.01.office", "已清理"), At(11, 17, 9, 30));

        var returned = book.Dispatched("returned", "0101", SouthBank, At(11, 17, 10));
        book.Execute(returned, new ReturnCase(Clerk("rt.1.water"), "rt.1.water", "非本单位"), At(11, 17, 10, 10));

        var rejected = book.Report("rejected", "0501", Harbour, At(11, 17, 9));
        book.Execute(rejected, new RejectCase(Operator("rt.2.02"), "不属实"), At(11, 17, 9, 10));
        var merged = book.Report("merged", "0501", Harbour, At(11, 17, 9, 20));
        book.Execute(merged, new MergeCase(Operator("rt.2.02"), verified), At(11, 17, 9, 25));

        // Monday: closed on time and evaluated; closed after rework; closed late after a manual two-department dispatch and a suspension.
        var onTime = book.Dispatched("closed-1", "0101", SouthBank, At(11, 16, 9));
        book.Execute(onTime, new SignFor(Clerk("rt.1.water"), "rt.1.water"), At(11, 16, 9, 10));
        book.Execute(onTime, new ReportHandled(Clerk("rt.1.water"), "rt.1.water", "已更换井盖"), At(11, 16, 10));
        book.Execute(onTime, new InspectCase(Operator("rt.1.01"), true), At(11, 16, 10, 10));
        book.Execute(onTime, new EvaluateCase(Operator("rt.1.01"), 5), At(11, 16, 11));

        var reworked = book.Dispatched("closed-2", "0501", Market, At(11, 16, 10));
        book.Execute(reworked, new SignFor(Clerk("rt.2.01.office"), "rt.2.01.office"), At(11, 16, 10, 10));
        book.Execute(reworked, new ReportHandled(Clerk("rt.2.01.office"), "rt.2.01.office", "已清理"), At(11, 16, 11));
        book.Execute(reworked, new InspectCase(Operator("rt.2.01"), false, "仍有垃圾"), At(11, 16, 11, 10));
        book.Execute(reworked, new ReportHandled(Clerk("rt.2.01.office"), "rt.2.01.office", "已彻底清理"), At(11, 16, 11, 30));
        book.Execute(reworked, new InspectCase(Operator("rt.2.01"), true), At(11, 16, 11, 40));
        book.Execute(reworked, new EvaluateCase(Operator("rt.2.01"), 3), At(11, 16, 11, 50));

        var late = book.Report("closed-late", "0301", SouthBank, At(11, 16, 9));
        book.Execute(late, new VerifyCase(Operator("rt.1.01")), At(11, 16, 9, 5));
        book.Execute(late, new AcceptCase(Operator("rt.1.01")), At(11, 16, 9, 10));
        book.Tick(late, At(11, 16, 10));
        book.Execute(late, new DispatchCase(Operator("rt.1.01"), "rt.1.municipal", ["rt.transit"]), At(11, 16, 10, 5));
        foreach (var department in new[] { "rt.1.municipal", "rt.transit" })
        {
            book.Execute(late, new SignFor(Clerk(department), department), At(11, 16, 10, 10));
        }

        book.Execute(late, new RequestSuspension(Clerk("rt.1.municipal"), "rt.1.municipal", "等待材料"), At(11, 16, 10, 15));
        book.Execute(late, new DecideSuspension(Leader("rt.1.01"), true), At(11, 16, 10, 20));
        book.Execute(late, new ResumeCase(Operator("rt.1.01")), At(11, 16, 10, 30));
        foreach (var department in new[] { "rt.1.municipal", "rt.transit" })
        {
            book.Execute(late, new ReportHandled(Clerk(department), department, "已修复"), At(11, 16, 11));
        }

        book.Execute(late, new InspectCase(Operator("rt.1.01"), true), At(11, 16, 11, 30));

        book.TickAll(Now);
        return [.. book.States.Values.Select(ProjectedCase.Of)];
    }

    private static Actor Operator(string unit) => new($"op-{unit}", Role.CentreOperator, unit);

    private static Actor Leader(string unit) => new($"leader-{unit}", Role.CentreLeader, unit);

    private static Actor Clerk(string department) => new($"clerk-{department}", Role.DepartmentClerk, department);

    /// <summary>Cases driven through the decider, each command applied to the case's state as the case grain would.</summary>
    private sealed class Book
    {
        private readonly CaseDecider _decider = new(Riverton.Value, CaseRules.Default);

        public Dictionary<string, CaseState> States { get; } = new(StringComparer.Ordinal);

        public string Report(string externalId, string matter, ReportedLocation where, DateTimeOffset at, Urgency urgency = Urgency.Normal)
        {
            var id = Channels.CaseIdFor(Channel.Hotline, externalId);
            Execute(id, new ReportCase(Hotline, new CaseReport(Channel.Hotline, externalId, matter, "描述 " + externalId, where, new Reporter("张三", "138", "citizen-1"), urgency)), at);
            return id;
        }

        /// <summary>Reported, verified and accepted five minutes later, which dispatches it to the catalogue's single owner.</summary>
        public string Dispatched(string externalId, string matter, ReportedLocation where, DateTimeOffset at)
        {
            var id = Report(externalId, matter, where, at);
            var street = States[id].Place!.StreetCode;
            Execute(id, new VerifyCase(Operator(street)), at.AddMinutes(5));
            Execute(id, new AcceptCase(Operator(street)), at.AddMinutes(5));
            States[id].Status.ShouldBe(CaseStatus.Dispatched, $"{id} should have been dispatched automatically");
            return id;
        }

        public void Execute(string caseId, CaseCommand command, DateTimeOffset at)
        {
            var state = States.TryGetValue(caseId, out var existing) ? existing : new CaseState();
            foreach (var @event in _decider.Decide(caseId, state, command, at))
            {
                state.Apply(@event);
            }

            States[caseId] = state;
        }

        /// <summary>Applies every point of the case's clocks that is due by <paramref name="now"/>, as its deadlines would.</summary>
        public void Tick(string caseId, DateTimeOffset now)
        {
            foreach (var key in States[caseId].Timers.Keys.Order(StringComparer.Ordinal).ToList())
            {
                Execute(caseId, new TimerDue(Actor.Clock, key), now);
            }
        }

        public void TickAll(DateTimeOffset now)
        {
            foreach (var id in States.Keys.ToList())
            {
                Tick(id, now);
            }
        }
    }
}
