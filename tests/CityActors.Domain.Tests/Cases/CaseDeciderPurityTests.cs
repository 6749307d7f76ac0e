using System.Collections;
using System.Reflection;
using System.Text.Json;
using CityActors.Domain.Cases;
using static CityActors.Domain.Tests.Cases.CaseBook;

namespace CityActors.Domain.Tests.Cases;

/// <summary>
/// <see cref="CaseDecider.Decide"/> only reads the state it is given: a grain decides against its confirmed state and
/// must find it as it was whether the command was refused or its events are still to be committed.
/// </summary>
public sealed class CaseDeciderPurityTests
{
    private const string Municipal = "rt.1.municipal";
    private const string Transit = "rt.transit";
    private const string Case = "hl-pure-1";

    [Fact]
    public void Deciding_leaves_the_given_state_exactly_as_it_was_whether_the_command_is_accepted_or_refused()
    {
        var book = new CaseBook();
        var refusals = new List<string>();
        foreach (var (command, at, duplicates) in Lifecycle())
        {
            var state = book.States.GetValueOrDefault(Case) ?? new CaseState();
            var before = Json(state);
            var decided = true;
            try
            {
                book.Decider.Decide(Case, state, command, at, duplicates);
            }
            catch (CaseCommandException ex)
            {
                refusals.Add($"{command.Name}: {ex.Kind}");
                decided = false;
            }

            Json(state).ShouldBe(before, $"{command.Name} at {at:MM-dd HH:mm} changed the state it was given");
            if (decided)
            {
                book.Execute(Case, command, at, duplicates).ShouldNotBeEmpty($"{command.Name} at {at:MM-dd HH:mm} should change the case");
            }
        }

        refusals.ShouldBe(["ReportCase: Invalid", "VerifyCase: NotFound", "AcceptCase: InvalidTransition", "DispatchCase: Forbidden", "EvaluateCase: InvalidTransition", "ReportHandled: InvalidTransition", "EvaluateCase: InvalidTransition", "RequestExtension: Forbidden"]);
        book[Case].Status.ShouldBe(CaseStatus.Accepted, "the lifecycle ends reopened");
    }

    [Fact]
    public void A_copy_shares_no_collection_with_its_original_so_changing_one_leaves_the_other_as_it_was()
    {
        var book = new CaseBook();
        foreach (var (command, at, duplicates) in Lifecycle().TakeWhile(s => s.Command is not InspectCase))
        {
            try
            {
                book.Execute(Case, command, at, duplicates);
            }
            catch (CaseCommandException)
            {
                // The lifecycle's deliberate refusals.
            }
        }

        var original = book[Case];
        var collections = typeof(CaseState).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && (typeof(IList).IsAssignableFrom(p.PropertyType) || typeof(IDictionary).IsAssignableFrom(p.PropertyType)))
            .ToList();
        collections.Select(p => p.Name).ShouldBe(
            ["Reporters", "MergedCases", "DuplicateCandidates", "DispatchedTo", "ReturnedBy", "Assignments", "Timers", "Supervisions"],
            ignoreOrder: true);
        collections.ShouldAllBe(p => ((ICollection)p.GetValue(original)!).Count > 0, "every collection should hold something to lose");
        var before = Json(original);

        var copy = original.Copy();
        Json(copy).ShouldBe(before);
        foreach (var property in collections)
        {
            property.GetValue(copy).ShouldNotBeSameAs(property.GetValue(original), property.Name);
            ((IList?)(property.GetValue(copy) as IList))?.Clear();
            ((IDictionary?)(property.GetValue(copy) as IDictionary))?.Clear();
        }

        copy.Apply(new CaseClosed(new EventMeta(At(11, 20, 9), Operator("rt.1.01"))));

        Json(original).ShouldBe(before);
        original.Status.ShouldNotBe(CaseStatus.Closed);
    }

    /// <summary>
    /// One case from a flagged report to reopening, touching every part of the state (duplicates, reporters, dispatch to two
    /// departments, an extension, a suspension, a supervision order, escalated clocks, a return, rework, closure,
    /// evaluation), with refused commands in between.
    /// </summary>
    private static IEnumerable<(CaseCommand Command, DateTimeOffset At, IReadOnlyList<string>? Duplicates)> Lifecycle()
    {
        var street = Operator("rt.1.01");
        var report = new CaseReport(Channel.Hotline, "pure-1", "0301", "路面塌陷", SouthBank, new Reporter("张三", "138", "citizen-1"));
        yield return (new ReportCase(Hotline, report with { ExternalId = "pure-2" }), At(11, 16, 9), null); // refused: another case's id
        yield return (new VerifyCase(street), At(11, 16, 9), null); // refused: nothing reported yet
        yield return (new ReportCase(Hotline, report), At(11, 16, 9), ["hl-near-1"]);
        yield return (new AcceptCase(street), At(11, 16, 9, 1), null); // refused: not verified
        yield return (new VerifyCase(street), At(11, 16, 9, 5), null);
        yield return (new AcceptCase(street), At(11, 16, 9, 10), null);
        yield return (new DispatchCase(Clerk(Municipal), Municipal), At(11, 16, 9, 15), null); // refused: clerks do not dispatch
        yield return (new DispatchCase(street, Municipal, [Transit]), At(11, 16, 9, 20), null);
        yield return (new LinkReporter(Actor.Clock, "hl-dup-1", new Reporter("李四", "139")), At(11, 16, 9, 25), null);
        yield return (new SignFor(Clerk(Municipal), Municipal), At(11, 16, 9, 30), null);
        yield return (new SignFor(Clerk(Transit), Transit), At(11, 16, 9, 30), null);
        yield return (new EvaluateCase(street, 7), At(11, 16, 9, 35), null); // refused: not closed
        yield return (new RequestExtension(Clerk(Municipal), Municipal, TimeSpan.FromHours(1), "需协调"), At(11, 16, 9, 40), null);
        yield return (new DecideExtension(Leader("rt.1.01"), true), At(11, 16, 9, 45), null);
        yield return (new SuperviseCase(Leader("rt.1"), "督办"), At(11, 16, 10), null);
        yield return (new TimerDue(Actor.Clock, TimerKeys.Handle(Transit)), At(11, 18, 17), null);
        yield return (new TimerDue(Actor.Clock, TimerKeys.Handle(Municipal)), At(11, 18, 17), null);
        yield return (new TimerDue(Actor.Clock, TimerKeys.Supervision(1)), At(11, 18, 17), null);
        yield return (new RequestSuspension(Clerk(Municipal), Municipal, "等待材料"), At(11, 18, 17, 5), null);
        yield return (new DecideSuspension(Leader("rt.1.01"), true), At(11, 18, 17, 10), null);
        yield return (new ReportHandled(Clerk(Municipal), Municipal, "已修复"), At(11, 18, 17, 15), null); // refused: suspended
        yield return (new ResumeCase(street), At(11, 19, 9), null);
        yield return (new ReturnCase(Clerk(Transit), Transit, "非本单位"), At(11, 19, 9, 10), null);
        yield return (new ReportHandled(Clerk(Municipal), Municipal, "已修复"), At(11, 19, 9, 20), null);
        yield return (new InspectCase(street, false, "仍有坑洞"), At(11, 19, 9, 30), null);
        yield return (new ReportHandled(Handler(Municipal), Municipal, "已重新修复"), At(11, 19, 10), null);
        yield return (new InspectCase(street, true), At(11, 19, 10, 30), null);
        yield return (new EvaluateCase(street, 4), At(11, 19, 11), null);
        yield return (new EvaluateCase(street, 5), At(11, 19, 11, 5), null); // refused: already evaluated
        yield return (new ReopenCase(street, "复发"), At(11, 19, 11, 10), null);
        yield return (new TimerDue(Actor.Clock, TimerKeys.Dispatch), At(11, 23, 17), null);
        yield return (new RequestExtension(Clerk(Municipal), Municipal, TimeSpan.FromHours(1), "r"), At(11, 23, 17, 5), null); // refused: no longer assigned
        yield return (new SuperviseCase(Leader("rt"), "再次督办"), At(11, 23, 17, 10), null);
    }

    private static string Json(CaseState state) => JsonSerializer.Serialize(state);
}
