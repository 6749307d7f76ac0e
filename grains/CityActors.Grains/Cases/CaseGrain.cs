using CityActors.Deadlines;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;
using CityActors.Grains.Emergencies;
using Microsoft.Extensions.Logging;
using CityActors.Journals;
using Orleans.EventSourcing;
using Orleans.Providers;
using Orleans.EventSourcing.CustomStorage;

namespace CityActors.Grains.Cases;

/// <summary>
/// A case: the journaled state machine of <see cref="CaseDecider"/>. A command is decided against the confirmed state,
/// its events are raised conditionally (committed only if no other writer appended first) in one journal append, and
/// the SLA clocks' next points are kept as durable deadlines (one per clock), so warnings, overdue marks and
/// escalations happen even if no silo was running at the time; a command's deadline changes commit with its journal
/// append. No call here waits on another case.
/// </summary>
[GrainType(CaseJournal.GrainType)]
[LogConsistencyProvider(ProviderName = CaseHosting.JournalProviderName)]
public sealed partial class CaseGrain(
    CaseDecider decider,
    CaseJournal journal,
    IJournalWithDeadlines appends,
    IDeadlines deadlines,
    EmergencyModes emergencies,
    CaseMetrics metrics,
    CaseAssistance assistance,
    TimeProvider time,
    ILogger<CaseGrain> logger)
    : JournaledGrain<CaseState, CaseEvent>, ICaseGrain, ICaseLinkGrain, IDeadlineTarget, ICustomStorageInterface<CaseState, CaseEvent>
{
    private CaseDeadlines? _deadlines;

    // The deadline changes of the append in flight: they commit with it (ApplyUpdatesToStorage).
    private IReadOnlyList<DeadlineChange> _appendDeadlines = [];

    private string Id => this.GetPrimaryKeyString();

    private CaseDeadlines Deadlines => _deadlines ??= new CaseDeadlines(deadlines, this.GetGrainId());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);

        // Reconcile deadlines with the clocks in case the last activation stopped between its journal write and its
        // deadline writes (possible where they cannot share a transaction).
        if (State.Status.IsOpen())
        {
            await Deadlines.SyncAsync(State, Version, cancellationToken);
        }
    }

    public async Task<CaseView> Execute(CaseCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command is TimerDue or Domain.Cases.LinkReporter or AutoDispatchCase)
        {
            throw new CaseCommandException(CaseErrorKind.Forbidden, $"{command.Name} is sent by the cluster itself, not through the public case interface.");
        }

        if (command is ReportCase report)
        {
            return (await FileAsync(report, answerRepeat: false)).View;
        }

        var now = Now();
        await DecideAndCommitAsync(command, now, null);
        if (command is AcceptCase or ReopenCase)
        {
            await TryAssistedDispatchAsync(now);
        }

        return View();
    }

    public async Task<ReportedCase> Report(ReportCase command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (view, suggestion) = await FileAsync(command, answerRepeat: true);
        return new ReportedCase(view, suggestion is null ? null : CaseSuggestionViews.Of(suggestion));
    }

    public Task<CaseView> Get() => Task.FromResult(View());

    public Task<CaseActionSheet> Actions(Actor by)
    {
        ArgumentNullException.ThrowIfNull(by);
        return State.Status == CaseStatus.None
            ? throw new CaseCommandException(CaseErrorKind.NotFound, $"Case {Id} does not exist.")
            : Task.FromResult(CaseActions.SheetFor(decider, Id, State, by, Now()));
    }

    public async Task<IReadOnlyList<CaseEvent>> GetHistory() => [.. (await journal.Events.ReadEventsAsync(CaseJournal.Of(Id))).Select(e => e.Event)];

    public Task LinkReporter(string fromCaseId, Reporter? reporter) =>
        DecideAndCommitAsync(new Domain.Cases.LinkReporter(Actor.Clock, fromCaseId, reporter), Now(), null);

    // Activating the case (replaying its journal) is all the wake-up asks for.
    public Task OnDeadlineApproaching() => Task.CompletedTask;

    public Task OnDeadline(DeadlineFired deadline)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        Deadlines.Delivered(deadline);
        return CaseDeadlines.ClockKeyOf(deadline.Name) is { } key && State.Status != CaseStatus.None
            ? DecideAndCommitAsync(new TimerDue(Actor.Clock, key), Now(), null)
            : Task.CompletedTask;
    }

    async Task<KeyValuePair<int, CaseState>> ICustomStorageInterface<CaseState, CaseEvent>.ReadStateFromStorage()
    {
        var (version, state) = await journal.Events.ReadAsync(CaseJournal.Of(Id));
        return new((int)version, state);
    }

    Task<bool> ICustomStorageInterface<CaseState, CaseEvent>.ApplyUpdatesToStorage(IReadOnlyList<CaseEvent> updates, int expectedVersion) =>
        journal.Events.AppendAsync(CaseJournal.Of(Id), expectedVersion, updates, State, time.GetUtcNow(), AppendWithDeadlinesAsync);

    protected override void TransitionState(CaseState state, CaseEvent @event) => state.Apply(@event);

    private async Task DecideAndCommitAsync(CaseCommand command, DateTimeOffset now, Intake? intake)
    {
        using var activity = CaseMetrics.StartCommand(Id, command);
        var started = time.GetTimestamp();
        var outcome = "applied";
        try
        {
            outcome = await CommitAsync(command, now, intake) ? "applied" : "unchanged";
        }
        catch (CaseCommandException ex)
        {
            outcome = ex.Kind.ToString();
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Message);
            throw;
        }
        finally
        {
            metrics.Record(command, outcome, time.GetElapsedTime(started));
        }
    }

    /// <returns>Whether the command changed the case.</returns>
    private async Task<bool> CommitAsync(CaseCommand command, DateTimeOffset now, Intake? intake)
    {
        var events = decider.Decide(Id, State, command, now, intake, out var after);
        if (events.Count == 0)
        {
            return false;
        }

        var deadlineChanges = await Deadlines.ChangesForAsync(after, Version, CancellationToken.None);
        bool appended;
        _appendDeadlines = deadlineChanges;
        try
        {
            appended = await RaiseConditionalEvents(events);
        }
        catch
        {
            Deadlines.Forget();
            throw;
        }
        finally
        {
            _appendDeadlines = [];
        }

        if (!appended)
        {
            // Another activation appended first (this one was stale); the state is now re-read, and deciding again is
            // the caller's choice: the command may no longer make sense.
            Deadlines.Forget();
            throw new CaseCommandException(CaseErrorKind.Conflict, $"Case {Id} changed while {command.Name} was decided; nothing was written. Read the case and retry.");
        }

        Deadlines.Committed(deadlineChanges);
        if (events[0] is CaseReported && State.Status.IsOpen()
            && DuplicateIndex.MarkOf(decider.City.Projection, Id, State.Report!.MatterCode, State.Place!, State.ReportedAt, State.Report.Description) is { } open)
        {
            await GrainFactory.GetGrain<IDuplicateTileGrain>(open.Tile).Add(open.Mark);
        }

        return true;
    }

    /// <summary>The time in the city's zone, so times in messages and events read as local time.</summary>
    private DateTimeOffset Now() => TimeZoneInfo.ConvertTime(time.GetUtcNow(), decider.City.Calendar.Zone);

    private CaseView View() => State.Status == CaseStatus.None
        ? throw new CaseCommandException(CaseErrorKind.NotFound, $"Case {Id} does not exist.")
        : CaseView.From(State);

    private Task<bool> AppendWithDeadlinesAsync(JournalId id, long expectedVersion, IReadOnlyList<JournalRecord> records, CancellationToken cancellationToken) =>
        appends.AppendAsync(id, expectedVersion, records, _appendDeadlines, cancellationToken);
}
