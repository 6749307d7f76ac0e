using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;

namespace CityActors.Grains.Cases;

/// <summary>
/// A case: the journaled state machine of <see cref="CaseDecider"/>. Each command is decided against the current state,
/// its events are appended to the journal in one write, and the SLA clocks' next points are kept as durable one-shot
/// reminders (one per clock), so warnings, overdue marks and escalations happen even if no silo was running at the time.
/// </summary>
public sealed class CaseGrain(CaseDecider decider) : JournaledGrain<CaseState, CaseEvent>, ICaseGrain, IRemindable
{
    private const string ReminderPrefix = "sla:";

    /// <summary>Registered clock reminders and the instant each was set for; loaded on first use.</summary>
    private Dictionary<string, (IGrainReminder Reminder, DateTimeOffset Due)>? _reminders;

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Reconcile reminders with the clocks in case the last activation stopped between its journal write and its reminder writes.
        if (State.Status.IsOpen())
        {
            await SyncRemindersAsync();
        }
    }

    public async Task<CaseView> Execute(CaseCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = Now();
        IReadOnlyList<string>? duplicates = null;
        if (command is ReportCase report && State.Status == CaseStatus.None && report.Report is not null)
        {
            duplicates = await FindDuplicatesAsync(report.Report, now);
        }

        if (command is MergeCase merge)
        {
            await LinkReporterIntoAsync(merge, now);
        }

        await DecideAndConfirmAsync(command, now, duplicates);
        return View();
    }

    public Task<CaseView> Get() => Task.FromResult(View());

    public async Task<IReadOnlyList<CaseEvent>> GetHistory() => [.. (await RetrieveConfirmedEvents()).Select(e => e.Event)];

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!reminderName.StartsWith(ReminderPrefix, StringComparison.Ordinal) || State.Status == CaseStatus.None)
        {
            return;
        }

        // The one-shot reminder that fired is removed by the runtime once this returns; a next point registers anew.
        _reminders?.Remove(reminderName);
        await DecideAndConfirmAsync(new TimerDue(Actor.Clock, reminderName[ReminderPrefix.Length..]), Now(), null);
    }

    protected override void TransitionState(CaseState state, CaseEvent @event) => state.Apply(@event);

    private async Task DecideAndConfirmAsync(CaseCommand command, DateTimeOffset now, IReadOnlyList<string>? duplicates)
    {
        try
        {
            decider.Decide(Id, State, command, now, RaiseEvent, duplicates);
        }
        catch when (UnconfirmedEvents.Count > 0)
        {
            // The decider refuses before emitting; if it ever failed half-way, drop this activation so the journal
            // (without the half-made events) is replayed by the next one.
            DeactivateOnIdle();
            throw;
        }

        if (UnconfirmedEvents.Count == 0)
        {
            return;
        }

        var reported = UnconfirmedEvents.OfType<CaseReported>().FirstOrDefault();
        await ConfirmEvents();
        await SyncRemindersAsync();
        if (reported is not null && State.Status.IsOpen()
            && DuplicateIndex.MarkOf(decider.City.Projection, Id, State.Report!.MatterCode, State.Place!, State.ReportedAt) is { } open)
        {
            await GrainFactory.GetGrain<IDuplicateTileGrain>(open.Tile).Add(open.Mark);
        }
    }

    /// <summary>The time in the city's zone, so times in messages and events read as local time.</summary>
    private DateTimeOffset Now() => TimeZoneInfo.ConvertTime(TimeProvider.GetUtcNow(), decider.City.Calendar.Zone);

    private CaseView View() => State.Status == CaseStatus.None
        ? throw new CaseCommandException(CaseErrorKind.NotFound, $"Case {Id} does not exist.")
        : CaseView.From(State);

    /// <summary>
    /// Makes the registered reminders match the clocks' next points: one per clock, none while suspended or ended. The
    /// changes run side by side. If one fails, the registrations are re-read and reconciled on the next command or the
    /// next activation, so a clock is never left without its reminder for longer than that.
    /// </summary>
    private async Task SyncRemindersAsync()
    {
        _reminders ??= (await GetReminders())
            .Where(r => r.ReminderName.StartsWith(ReminderPrefix, StringComparison.Ordinal))
            .ToDictionary(r => r.ReminderName, r => (r, r.NextDueTime));
        var desired = State.IsSuspended || !State.Status.IsOpen()
            ? []
            : State.Timers.Values.Where(t => t.NextPoint is not null).ToDictionary(t => ReminderPrefix + t.Key, t => t.NextPoint!.Value);

        var changes = new List<Task>();
        foreach (var (name, due) in desired)
        {
            if (!_reminders.TryGetValue(name, out var registered) || registered.Due != due)
            {
                changes.Add(RegisterAsync(name, due));
            }
        }

        foreach (var name in _reminders.Keys.Where(n => !desired.ContainsKey(n)).ToList())
        {
            var reminder = _reminders[name].Reminder;
            _reminders.Remove(name);
            changes.Add(UnregisterReminder(reminder));
        }

        try
        {
            await Task.WhenAll(changes);
        }
        catch
        {
            _reminders = null;
            throw;
        }
    }

    private async Task RegisterAsync(string name, DateTimeOffset due) =>
        _reminders![name] = (await RegisterOrUpdateReminder(name, due, TimeSpan.Zero), due);

    private async Task<IReadOnlyList<string>> FindDuplicatesAsync(CaseReport report, DateTimeOffset now)
    {
        var place = decider.Locate(report.Location);
        if (place.Longitude is null || decider.Rules.DuplicateRadiusMeters <= 0)
        {
            return [];
        }

        var (x, y) = decider.City.Projection.Forward(place.Longitude.Value, place.Latitude!.Value);
        var radius = decider.Rules.DuplicateRadiusMeters;
        var since = now - decider.Rules.DuplicateWindow;
        var found = await Task.WhenAll(DuplicateIndex.TilesAround(x, y, radius)
            .Select(t => GrainFactory.GetGrain<IDuplicateTileGrain>(DuplicateIndex.TileKey(t)).FindNear(report.MatterCode, x, y, radius, since)));
        return [.. found.SelectMany(f => f).Distinct()];
    }

    /// <summary>Checks the merge would be accepted here, then links this case's reporter into the surviving case.</summary>
    private async Task LinkReporterIntoAsync(MergeCase merge, DateTimeOffset now)
    {
        var trial = CaseStateCopy.Of(State);
        decider.Decide(Id, trial, merge, now, trial.Apply);
        await GrainFactory.GetGrain<ICaseGrain>(merge.IntoCaseId).Execute(new LinkReporter(Actor.Clock, Id, State.Reporters.FirstOrDefault()));
    }
}
