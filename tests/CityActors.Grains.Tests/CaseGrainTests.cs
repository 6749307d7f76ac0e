using CityActors.Domain.Calendar;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;
using CityActors.Grains.Cases;
using Microsoft.Extensions.DependencyInjection;
using static CityActors.Grains.Tests.CaseSilo;

namespace CityActors.Grains.Tests;

public sealed class CaseGrainTests
{
    private const string Water = "rt.1.water";

    [Fact]
    public async Task A_case_runs_through_the_grain_with_queues_reminders_and_the_read_model_following()
    {
        await using var silo = await StartAsync(At(9, 30, 16, 40));
        var created = await silo.ReportAsync("g-1", "0101", SouthBank);
        var id = created.Id;
        (await silo.QueueAsync(silo.Centre("rt.1.01"), WorkQueue.AwaitingVerification)).ShouldBe([id]);

        await silo.Case(id).Execute(new VerifyCase(new Actor("op", Role.CentreOperator, "rt.1.01")));
        var dispatched = await silo.Case(id).Execute(new AcceptCase(new Actor("op", Role.CentreOperator, "rt.1.01")));
        dispatched.Lead.ShouldBe(Water);
        (await silo.QueueAsync(silo.Centre("rt.1.01"), WorkQueue.AwaitingVerification)).ShouldBeEmpty();
        (await silo.QueueAsync(silo.Department(Water), WorkQueue.AwaitingSignFor)).ShouldBe([id]);

        silo.Clock.SetUtcNow(At(9, 30, 17));
        var handling = await silo.Case(id).Execute(new SignFor(new Actor("clerk", Role.DepartmentClerk, Water), Water));
        handling.Timers.Single().DueAt.ShouldBe(At(10, 7, 9, 30));

        // Across the National Day holidays: the 黄灯 reminder fires at 16:24 on 6 October, the 红灯 at 09:30 on 7 October.
        await silo.AdvanceToAsync(At(10, 6, 16, 24));
        (await silo.QueueAsync(silo.Department(Water), WorkQueue.Warned)).ShouldBe([id]);
        await silo.AdvanceToAsync(At(10, 7, 9, 30));
        (await silo.QueueAsync(silo.Department(Water), WorkQueue.Overdue)).ShouldBe([id]);
        (await silo.QueueAsync(silo.Centre("rt.1"), WorkQueue.Escalated)).ShouldBe([id]);
        await silo.AdvanceToAsync(At(10, 7, 15));
        (await silo.QueueAsync(silo.Centre("rt"), WorkQueue.Escalated)).ShouldBe([id]);

        var history = await silo.Case(id).GetHistory();
        history.OfType<TimerEscalated>().Select(e => (e.Meta.At, e.CentreUnit)).ShouldBe([(At(10, 7, 9, 30), "rt.1"), (At(10, 7, 15), "rt")]);

        await silo.Case(id).Execute(new ReportHandled(new Actor("h", Role.DepartmentHandler, Water), Water, "井盖已更换"));
        await silo.Case(id).Execute(new InspectCase(new Actor("op", Role.CentreOperator, "rt.1.01"), true));
        (await silo.QueueAsync(silo.Centre("rt"), WorkQueue.Escalated)).ShouldBeEmpty();
        (await silo.QueueAsync(silo.Department(Water), WorkQueue.Overdue)).ShouldBeEmpty();

        var overdueClosed = await silo.ReadModel.QueryAsync(new CaseQuery(OrgUnit: "rt.1", Statuses: [CaseStatus.Closed]), default);
        overdueClosed.Cases.Single().EverOverdue.ShouldBeTrue();
        var kpis = await silo.ReadModel.KpisAsync(new KpiScope(Department: Water), At(9, 1, 0), At(11, 1, 0), default);
        (kpis.Closed, kpis.Due, kpis.ClosedOnTime, kpis.OnTimeClosureRate).ShouldBe((1, 1, 0, 0.0));
    }

    [Fact]
    public async Task Refused_commands_come_back_as_domain_errors_and_change_nothing()
    {
        await using var silo = await StartAsync(At(11, 16, 10));
        var id = (await silo.ReportAsync("g-2", "0501", SouthBank)).Id;

        var error = await Should.ThrowAsync<CaseCommandException>(() => silo.Case(id).Execute(new AcceptCase(new Actor("op", Role.CentreOperator, "rt.1.01"))));

        error.Kind.ShouldBe(CaseErrorKind.InvalidTransition);
        error.Message.ShouldBe($"Case {id} is Reported: AcceptCase needs it to be Verified.");
        (await silo.Case(id).GetHistory()).Count.ShouldBe(2);
        (await Should.ThrowAsync<CaseCommandException>(() => silo.Case("hl-missing").Get())).Kind.ShouldBe(CaseErrorKind.NotFound);
        (await Should.ThrowAsync<CaseCommandException>(() => silo.ReportAsync("g-3", "0501", ReportedLocation.At(121.45, 31.21))))
            .Message.ShouldBe("Location (121.45, 31.21) is outside city rt.");
    }

    [Fact]
    public async Task A_report_near_an_open_case_of_the_same_matter_is_flagged_and_merging_links_its_reporter()
    {
        await using var silo = await StartAsync(At(11, 16, 10));
        var first = (await silo.ReportAsync("d-1", "0501", Harbour)).Id;
        var elsewhere = await silo.ReportAsync("d-2", "0501", SouthBank);
        var otherMatter = await silo.ReportAsync("d-3", "0601", Harbour);
        var second = await silo.ReportAsync("d-4", "0501", ReportedLocation.At(121.4397, 31.2198), Channel.Sensor);

        elsewhere.DuplicateCandidates.ShouldBeEmpty();
        otherMatter.DuplicateCandidates.ShouldBeEmpty();
        second.DuplicateCandidates.ShouldBe([first]);
        second.Status.ShouldBe(CaseStatus.Reported);

        var merged = await silo.Case(second.Id).Execute(new MergeCase(new Actor("op", Role.CentreOperator, "rt.2.02"), first));
        merged.Status.ShouldBe(CaseStatus.Merged);

        // The reporter follows through the projection, after the merge committed: no case waits on another.
        await silo.Projector.CatchUpAsync();
        (await silo.Case(first).Get()).Reporters.Count.ShouldBe(2);
        (await silo.Case(first).GetHistory()).OfType<ReporterLinked>().Single().FromCaseId.ShouldBe(second.Id);

        // Once the first case has ended, a new report there is not flagged.
        await silo.Case(first).Execute(new RejectCase(new Actor("op", Role.CentreOperator, "rt.2.02"), "已处理"));
        await silo.Projector.CatchUpAsync();
        (await silo.ReportAsync("d-5", "0501", Harbour)).DuplicateCandidates.ShouldBeEmpty();
    }

    [Fact]
    public async Task Work_queues_are_rebuilt_from_the_read_model_when_their_grain_reactivates()
    {
        await using var silo = await StartAsync(At(11, 16, 10));
        var a = (await silo.ReportAsync("q-1", "0501", SouthBank)).Id;
        var b = (await silo.ReportAsync("q-2", "0501", SouthBank)).Id;
        (await silo.QueueAsync(silo.Centre("rt.1.01"), WorkQueue.AwaitingVerification)).Order().ShouldBe([a, b]);

        // The centre grain goes away; its next activation reads the read model.
        await silo.CollectIdleActivationsAsync();
        (await silo.Centre("rt.1.01").GetQueue(WorkQueue.AwaitingVerification)).Select(c => c.CaseId).Order().ShouldBe([a, b]);
        (await silo.Centre("rt.1.01").GetQueueCounts())[WorkQueue.AwaitingVerification].ShouldBe(2);
    }
}

public sealed class CaseRulesConfigurationTests
{
    [Fact]
    public async Task Case_rules_come_from_configuration()
    {
        await using var silo = await StartAsync(
            At(11, 16, 9),
            settings: new Dictionary<string, string?>
            {
                ["CityActors:Cases:WarnFraction"] = "0.5",
                ["CityActors:Cases:DistrictEscalationLimit"] = "2h working",
                ["CityActors:Cases:ReopenWindow"] = "2.00:00:00",
                ["CityActors:Cases:AutoVerifiedChannels:0"] = "Sensor",
            });

        var rules = silo.Services.GetRequiredService<CaseDecider>().Rules;

        (rules.WarnFraction, rules.DistrictEscalationLimit, rules.ReopenWindow).ShouldBe((0.5, TimeLimit.WorkingHours(2), TimeSpan.FromDays(2)));
        rules.AutoVerifiedChannels.ShouldBe([Channel.Sensor]);
        rules.CityEscalationLimit.ShouldBe(CaseRules.Default.CityEscalationLimit);
    }

    [Fact]
    public void Bad_case_rules_are_refused_with_every_problem_listed()
    {
        var error = Should.Throw<ArgumentException>(() => new CaseRulesOptions
        {
            WarnFraction = 1.5,
            CityEscalationLimit = "eight hours",
            AutoVerifiedChannels = ["Fax"],
        }.ToRules());

        error.Message.ShouldContain("CityActors:Cases:CityEscalationLimit 'eight hours' is not a limit like \"4h working\" or \"30m natural\".");
        error.Message.ShouldContain("CityActors:Cases:AutoVerifiedChannels has 'Fax', which is not one of Hotline, WebApp, Open311, GridInspector, Sensor, VideoAi.");
        error.Message.ShouldContain("WarnFraction must be between 0 and 1 (exclusive); it is 1.5.");
    }
}
