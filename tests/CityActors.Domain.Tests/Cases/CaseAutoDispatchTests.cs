using CityActors.Domain.Cases;
using static CityActors.Domain.Tests.Cases.CaseBook;

namespace CityActors.Domain.Tests.Cases;

/// <summary>智能派遣: an accepted case the catalogue leaves to the centre (0301 at South Bank has two owners) is
/// dispatched by the assistant when the model's confidence clears the gate, journaled as such, and undone by a return.</summary>
public sealed class CaseAutoDispatchTests
{
    private const string Model = "boston-20111101-f0a1c1ab43db-s20111101";

    private static (CaseBook Book, string Id) AwaitingDispatch()
    {
        var book = new CaseBook();
        var id = book.Dispatched("ad-1", "0301", SouthBank, At(11, 16, 10));
        book[id].Status.ShouldBe(CaseStatus.Accepted);
        return (book, id);
    }

    [Fact]
    public void A_confident_suggestion_dispatches_and_the_journal_names_the_model_and_confidence()
    {
        var (book, id) = AwaitingDispatch();

        var events = book.Execute(id, new AutoDispatchCase(Actor.Assistant, "rt.transit", Model, 0.93, 0.69), At(11, 16, 10, 1));

        var auto = events[0].ShouldBeOfType<CaseAutoDispatched>();
        (auto.Lead, auto.ModelVersion, auto.Confidence, auto.Threshold).ShouldBe(("rt.transit", Model, 0.93, 0.69));
        auto.Meta.By.ShouldBe(Actor.Assistant);
        auto.Meta.Reason.ShouldBe($"auto-dispatch: model {Model}, confidence 0.930 ≥ gate 0.690");
        var dispatched = events[1].ShouldBeOfType<CaseDispatched>();
        (dispatched.Lead, dispatched.Manual).ShouldBe(("rt.transit", false));
        book[id].Status.ShouldBe(CaseStatus.Dispatched);
        (book[id].AutoDispatchModel, book[id].AutoDispatchConfidence).ShouldBe((Model, 0.93));
        book[id].Timers.ShouldContainKey(TimerKeys.SignFor("rt.transit"));
        book[id].Timers.ShouldNotContainKey(TimerKeys.Dispatch);
    }

    [Fact]
    public void The_lead_s_return_undoes_it_and_the_assistant_may_not_send_it_back()
    {
        var (book, id) = AwaitingDispatch();
        book.Execute(id, new AutoDispatchCase(Actor.Assistant, "rt.transit", Model, 0.93, 0.69), At(11, 16, 10, 1));

        book.Execute(id, new ReturnCase(Clerk("rt.transit"), "rt.transit", "not ours: a municipal street"), At(11, 16, 10, 20));

        book[id].Status.ShouldBe(CaseStatus.Accepted);
        CaseQueues.Of(book[id]).ShouldContain(new QueueEntry(WorkOwner.Centre("rt.1.01"), WorkQueue.AwaitingDispatch));
        var again = Should.Throw<CaseCommandException>(() => book.Execute(id, new AutoDispatchCase(Actor.Assistant, "rt.transit", Model, 0.99, 0.69), At(11, 16, 10, 21)));
        again.Kind.ShouldBe(CaseErrorKind.InvalidTransition);
        again.Message.ShouldBe($"Case {id} is Accepted: AutoDispatchCase is not allowed because rt.transit returned it; only the centre dispatches it there again.");
        book.Execute(id, new DispatchCase(Operator("rt.1.01"), "rt.1.municipal"), At(11, 16, 10, 25));
        book[id].Lead!.Department.ShouldBe("rt.1.municipal");
    }

    [Fact]
    public void A_confidence_below_the_gate_is_refused_and_changes_nothing()
    {
        var (book, id) = AwaitingDispatch();
        var version = book[id].Version;

        var ex = Should.Throw<CaseCommandException>(() => book.Execute(id, new AutoDispatchCase(Actor.Assistant, "rt.transit", Model, 0.41, 0.69), At(11, 16, 10, 1)));

        ex.Kind.ShouldBe(CaseErrorKind.InvalidTransition);
        ex.Message.ShouldBe($"Case {id} is Accepted: AutoDispatchCase is not allowed because the confidence 0.410 is below the gate 0.690: the suggestion is for the centre to decide.");
        book[id].Version.ShouldBe(version);
    }

    [Fact]
    public void Only_the_cluster_dispatches_automatically()
    {
        var (book, id) = AwaitingDispatch();

        var ex = Should.Throw<CaseCommandException>(() => book.Execute(id, new AutoDispatchCase(Operator("rt.1.01"), "rt.transit", Model, 0.93, 0.69), At(11, 16, 10, 1)));

        ex.Kind.ShouldBe(CaseErrorKind.Forbidden);
    }

    [Theory]
    [InlineData("rt.nowhere", 0.9, 0.5, "Department 'rt.nowhere' does not exist in city rt.")]
    [InlineData("rt.transit", 1.5, 0.5, "Confidence and threshold must lie in 0–1 (threshold above 0); they are 1.5 and 0.5.")]
    [InlineData("rt.transit", 0.9, 0, "Confidence and threshold must lie in 0–1 (threshold above 0); they are 0.9 and 0.")]
    public void Bad_suggestions_are_invalid(string lead, double confidence, double threshold, string message)
    {
        var (book, id) = AwaitingDispatch();

        var ex = Should.Throw<CaseCommandException>(() => book.Execute(id, new AutoDispatchCase(Actor.Assistant, lead, Model, confidence, threshold), At(11, 16, 10, 1)));

        (ex.Kind, ex.Message).ShouldBe((CaseErrorKind.Invalid, message));
    }

    [Fact]
    public void A_case_already_dispatched_is_not_dispatched_again()
    {
        var book = new CaseBook();
        var id = book.Dispatched("ad-2", "0501", SouthBank, At(11, 16, 10));

        var ex = Should.Throw<CaseCommandException>(() => book.Execute(id, new AutoDispatchCase(Actor.Assistant, "rt.transit", Model, 0.93, 0.69), At(11, 16, 10, 1)));

        ex.Message.ShouldBe($"Case {id} is Dispatched: AutoDispatchCase needs it to be Accepted.");
    }
}
