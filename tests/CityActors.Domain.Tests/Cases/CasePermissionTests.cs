using CityActors.Domain.Cases;
using static CityActors.Domain.Tests.Cases.CaseBook;

namespace CityActors.Domain.Tests.Cases;

/// <summary>Every command against every kind of actor: exactly the listed ones may issue it, all others get Forbidden.</summary>
public sealed class CasePermissionTests
{
    private const string Office = "rt.1.01.office";

    private static readonly Dictionary<string, Actor> Roster = new()
    {
        ["inspector"] = Inspector("GRID"),
        ["other inspector"] = Inspector("rt.2.01.market.0001"),
        ["community worker"] = new("cw-1", Role.CommunityWorker, "rt.1.01.south"),
        ["other community worker"] = new("cw-2", Role.CommunityWorker, "rt.1.01.north"),
        ["street operator"] = Operator("rt.1.01"),
        ["other street operator"] = Operator("rt.2.01"),
        ["district operator"] = Operator("rt.1"),
        ["other district operator"] = Operator("rt.2"),
        ["city operator"] = Operator("rt"),
        ["street leader"] = Leader("rt.1.01"),
        ["district leader"] = Leader("rt.1"),
        ["city leader"] = Leader("rt"),
        ["clerk"] = Clerk(Office),
        ["handler"] = Handler(Office),
        ["other clerk"] = Clerk("rt.1.cgj"),
        ["reporter"] = new("citizen-1", Role.Citizen),
        ["other citizen"] = new("citizen-2", Role.Citizen),
        ["channel"] = Hotline,
        ["clock"] = Actor.Clock,
    };

    private static readonly string[] Centres = ["street operator", "district operator", "city operator", "street leader", "district leader", "city leader"];
    private static readonly string[] Leaders = ["street leader", "district leader", "city leader"];
    private static readonly string[] Field = ["inspector", "community worker"];

    public static TheoryData<string> Commands => new(Matrix.Keys);

    private static readonly Dictionary<string, (string Stage, Func<Actor, CaseCommand> Command, string[] Allowed)> Matrix = new()
    {
        ["verify"] = ("reported", a => new VerifyCase(a), [.. Field, .. Centres]),
        ["reject"] = ("reported", a => new RejectCase(a, "虚假"), [.. Field, .. Centres]),
        ["merge"] = ("reported", a => new MergeCase(a, "hl-other"), [.. Field, .. Centres]),
        ["accept"] = ("verified", a => new AcceptCase(a), Centres),
        ["dispatch"] = ("returned", a => new DispatchCase(a, Office), Centres),
        ["sign for"] = ("dispatched", a => new SignFor(a, Office), ["clerk"]),
        ["return"] = ("dispatched", a => new ReturnCase(a, Office, "非本单位"), ["clerk"]),
        ["report handled"] = ("handling", a => new ReportHandled(a, Office, "done"), ["clerk", "handler"]),
        ["request extension"] = ("handling", a => new RequestExtension(a, Office, TimeSpan.FromHours(1), "r"), ["clerk"]),
        ["request suspension"] = ("handling", a => new RequestSuspension(a, Office, "r"), ["clerk"]),
        ["decide extension"] = ("extension asked", a => new DecideExtension(a, true), Leaders),
        ["decide suspension"] = ("suspension asked", a => new DecideSuspension(a, true), Leaders),
        ["resume"] = ("suspended", a => new ResumeCase(a), [.. Centres, "clerk"]),
        ["supervise"] = ("handling", a => new SuperviseCase(a, "督办"), ["district leader", "city leader"]),
        ["inspect"] = ("handled", a => new InspectCase(a, true), [.. Field, .. Centres]),
        ["evaluate"] = ("closed", a => new EvaluateCase(a, 4), ["reporter", .. Centres]),
        ["reopen"] = ("closed", a => new ReopenCase(a, "again"), ["reporter", .. Centres]),
        ["link reporter"] = ("handling", a => new LinkReporter(a, "hl-dup", null), ["clock"]),
        ["timer due"] = ("handling", a => new TimerDue(a, TimerKeys.Handle(Office)), ["clock"]),
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Only_the_listed_roles_in_scope_may_issue_the_command(string name)
    {
        var (stage, command, allowed) = Matrix[name];
        foreach (var (who, template) in Roster)
        {
            var book = new CaseBook();
            var id = Prepare(book, stage);
            var actor = template.Org == "GRID" ? template with { Org = book[id].Place!.GridCode } : template;
            var before = book.Journals[id].Count;

            var error = Record.Exception(() => book.Execute(id, command(actor), At(11, 16, 11)));

            if (allowed.Contains(who))
            {
                error.ShouldBeNull($"{who} should be allowed to {name}");
            }
            else
            {
                error.ShouldBeOfType<CaseCommandException>($"{who} should not be allowed to {name}").Kind.ShouldBe(CaseErrorKind.Forbidden, $"{who} / {name}: {error!.Message}");
                book.Journals[id].Count.ShouldBe(before);
            }
        }
    }

    private static string Prepare(CaseBook book, string stage)
    {
        var at = At(11, 16, 10);
        var id = book.Report("perm", "0501", SouthBank, at);
        if (stage == "reported")
        {
            return id;
        }

        book.Execute(id, new VerifyCase(Operator("rt.1.01")), at);
        if (stage == "verified")
        {
            return id;
        }

        book.Execute(id, new AcceptCase(Operator("rt.1.01")), at);
        if (stage == "returned")
        {
            book.Execute(id, new ReturnCase(Clerk(Office), Office, "非本单位"), at);
            return id;
        }

        if (stage == "dispatched")
        {
            return id;
        }

        book.Execute(id, new SignFor(Clerk(Office), Office), at);
        switch (stage)
        {
            case "extension asked":
                book.Execute(id, new RequestExtension(Clerk(Office), Office, TimeSpan.FromHours(1), "r"), at);
                return id;
            case "suspension asked":
                book.Execute(id, new RequestSuspension(Clerk(Office), Office, "r"), at);
                return id;
            case "suspended":
                book.Execute(id, new RequestSuspension(Clerk(Office), Office, "r"), at);
                book.Execute(id, new DecideSuspension(Leader("rt.1.01"), true), at);
                return id;
            case "handling":
                return id;
        }

        book.Execute(id, new ReportHandled(Clerk(Office), Office, "done"), at);
        if (stage == "closed")
        {
            book.Execute(id, new InspectCase(Operator("rt.1.01"), true), at);
        }

        return id;
    }
}
