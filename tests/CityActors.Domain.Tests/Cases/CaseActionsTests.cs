using CityActors.Domain.Calendar;
using CityActors.Domain.Cases;
using static CityActors.Domain.Tests.Cases.CaseBook;

namespace CityActors.Domain.Tests.Cases;

/// <summary>The actions offered to a caller are the decider's own rules: what it offers it accepts, what it withholds it refuses.</summary>
public sealed class CaseActionsTests
{
    private const string Office = "rt.1.01.office";

    [Fact]
    public void Each_step_offers_each_role_exactly_the_commands_its_rules_allow()
    {
        var book = new CaseBook();
        var id = book.Report("actions-1", "0501", SouthBank, At(11, 16, 10));
        var grid = book[id].Place!.GridCode!;
        string[] Offered(Actor actor, int minute) => [.. CaseActions.Allowed(book.Decider, id, book[id], actor, At(11, 16, 10, minute))];

        Offered(Operator("rt.1.01"), 1).ShouldBe(["verify", "reject", "merge"]);
        Offered(Leader("rt.1.01"), 1).ShouldBe(["verify", "reject", "merge"]);
        Offered(Leader("rt.1"), 1).ShouldBe(["verify", "reject", "merge", "supervise"]); // 督办 comes from above the street
        Offered(Inspector(grid), 1).ShouldBe(["verify", "reject", "merge"]);
        Offered(Operator("rt.2.01"), 1).ShouldBeEmpty();
        Offered(Clerk(Office), 1).ShouldBeEmpty();
        Offered(Hotline, 1).ShouldBeEmpty();

        book.Execute(id, new VerifyCase(Inspector(grid)), At(11, 16, 10, 2));
        Offered(Operator("rt.1.01"), 3).ShouldBe(["accept"]);
        Offered(Inspector(grid), 3).ShouldBeEmpty();

        book.Execute(id, new AcceptCase(Operator("rt.1.01")), At(11, 16, 10, 4));
        Offered(Clerk(Office), 5).ShouldBe(["sign-for", "return", "request-suspension"]);
        Offered(Handler(Office), 5).ShouldBeEmpty();
        Offered(Clerk("rt.1.cgj"), 5).ShouldBeEmpty();

        book.Execute(id, new SignFor(Clerk(Office), Office), At(11, 16, 10, 6));
        Offered(Clerk(Office), 7).ShouldBe(["report-handled", "return", "request-extension", "request-suspension"]);
        Offered(Handler(Office), 7).ShouldBe(["report-handled"]);

        book.Execute(id, new ReportHandled(Handler(Office), Office, "已清运"), At(11, 16, 11));
        Offered(Operator("rt.1.01"), 1).ShouldContain("inspect");
        Offered(Inspector(grid), 1).ShouldBe(["inspect"]);
    }

    [Fact]
    public void Every_offered_command_is_accepted_and_every_withheld_one_refused_for_a_reason_other_than_its_input()
    {
        var book = new CaseBook();
        var id = book.Report("actions-2", "0501", SouthBank, At(11, 16, 10));
        var now = At(11, 16, 10, 5);
        var grid = book[id].Place!.GridCode!;
        Actor[] roster = [Operator("rt.1.01"), Leader("rt.1.01"), Leader("rt.1"), Operator("rt.2.01"), Inspector(grid), Clerk(Office), Handler(Office), Hotline];

        foreach (var actor in roster)
        {
            var offered = CaseActions.Allowed(book.Decider, id, book[id], actor, now);
            foreach (var name in CaseActions.Names)
            {
                var command = Realistic(name, actor, Office);
                var refusal = Record.Exception(() => book.Decider.Decide(id, book[id], command, now)) as CaseCommandException;
                if (offered.Contains(name))
                {
                    (refusal is null || refusal.Kind == CaseErrorKind.Invalid).ShouldBeTrue($"{name} was offered to {actor} but refused: {refusal?.Message}");
                }
                else
                {
                    refusal.ShouldNotBeNull($"{name} was withheld from {actor} but the decider accepts it");
                    refusal.Kind.ShouldBeOneOf(CaseErrorKind.Forbidden, CaseErrorKind.InvalidTransition);
                }
            }
        }
    }

    [Fact]
    public void The_sheet_gives_each_running_clock_its_time_left_in_its_own_mode()
    {
        var book = new CaseBook();
        var id = book.Report("actions-3", "0501", SouthBank, At(11, 16, 10));

        var sheet = CaseActions.SheetFor(book.Decider, id, book[id], Operator("rt.1.01"), At(11, 16, 10, 10));
        var late = CaseActions.SheetFor(book.Decider, id, book[id], Operator("rt.1.01"), At(11, 16, 10, 40));

        var clock = sheet.Clocks.ShouldHaveSingleItem();
        (clock.Key, clock.Phase, clock.Mode, clock.DueAt).ShouldBe((TimerKeys.Verify, TimerPhase.Running, TimeMode.Working, At(11, 16, 10, 30)));
        clock.Remaining.ShouldBe(TimeSpan.FromMinutes(20));
        late.Clocks.Single().Remaining.ShouldBe(TimeSpan.FromMinutes(-10));
        sheet.Commands.ShouldBe(["verify", "reject", "merge"]);
    }

    /// <summary>The command as a person would send it, with input that passes every check of its own.</summary>
    private static CaseCommand Realistic(string name, Actor actor, string department) => name switch
    {
        "verify" => new VerifyCase(actor),
        "reject" => new RejectCase(actor, "Not a city matter"),
        "merge" => new MergeCase(actor, "hl-other"),
        "accept" => new AcceptCase(actor),
        "dispatch" => new DispatchCase(actor, department),
        "sign-for" => new SignFor(actor, department),
        "report-handled" => new ReportHandled(actor, department, "Done"),
        "return" => new ReturnCase(actor, department, "Not ours"),
        "request-extension" => new RequestExtension(actor, department, TimeSpan.FromHours(2), "Parts"),
        "decide-extension" => new DecideExtension(actor, Approve: true),
        "request-suspension" => new RequestSuspension(actor, department, "Waiting"),
        "decide-suspension" => new DecideSuspension(actor, Approve: true),
        "resume" => new ResumeCase(actor),
        "inspect" => new InspectCase(actor, Passed: true),
        "evaluate" => new EvaluateCase(actor, 4),
        "supervise" => new SuperviseCase(actor, "Hurry"),
        "reopen" => new ReopenCase(actor, "Back again"),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
