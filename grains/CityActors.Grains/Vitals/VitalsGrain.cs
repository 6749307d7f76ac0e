using CityActors.Domain.Cases;
using CityActors.Domain.City;
using CityActors.Domain.Sensors;
using CityActors.Domain.Vitals;
using CityActors.GrainInterfaces.Vitals;
using CityActors.Grains.Cases;
using CityActors.Grains.Emergencies;
using Microsoft.Extensions.Logging;

namespace CityActors.Grains.Vitals;

/// <summary>
/// One org unit's vital signs. Counted sensor marks are stored before the call is answered, children's totals soon
/// after it (below). Case marks are derived data, like work queues: read from the case read model on activation (for
/// the units cases are placed in) and kept current by the case projection, so a case command writes nothing here.
/// When the unit's totals
/// change they are sent on to the parent unit after the answer, one send at a time: changes that come while a send is
/// under way go with the next one, so a burst of changes (a whole fleet coming online) reaches the city as a few sends,
/// not one per sensor, and no caller waits for the levels above. Totals are whole, so a lost send is put right by the
/// next one, and a unit sends its totals again when it is activated. Children's totals change with every case a unit
/// below opens or closes, so they are stored behind the answer, at most <see cref="ChildTotalsCheckpoint"/> after the
/// first unstored change: a parent that stored each one wrote its whole book several times per second in a busy city.
/// Indicator minutes are stored at most once a minute, as they are refreshed every few seconds anyway. Anything
/// unstored is stored on deactivation, except when the silo shuts down (the grain storage may be stopping).
/// </summary>
public sealed partial class VitalsGrain(
    CityModel city,
    EmergencyModes emergencies,
    [PersistentState("vitals")] IPersistentState<VitalsBook> book,
    ICaseReadModel cases,
    ISiloStatusOracle silo,
    TimeProvider time,
    ILogger<VitalsGrain> logger) : Grain, IVitalsGrain
{
    private static readonly TimeSpan MinuteCheckpoint = TimeSpan.FromMinutes(1);

    /// <summary>How long children's totals may stay unstored after the first change.</summary>
    public static readonly TimeSpan ChildTotalsCheckpoint = TimeSpan.FromSeconds(2);

    private long _minutesStoredAt = long.MinValue;
    private bool _unstored;
    private IGrainTimer? _checkpoint;
    private Task _sending = Task.CompletedTask;
    private bool _sendAgain;

    private OrgUnit Unit => city.FindUnit(this.GetPrimaryKeyString())
        ?? throw new ArgumentException($"'{this.GetPrimaryKeyString()}' is not an org unit of city {city.Id}.");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await LoadCasesAsync(cancellationToken);
        if (!book.State.Totals().SameAs(VitalTotals.Zero))
        {
            SendTotalsUp();
        }

        await base.OnActivateAsync(cancellationToken);
    }

    public Task SetSensor(string sensorId, SensorGauge? gauge) => ChangeAsync(b => b.SetSensor(sensorId, gauge));

    public Task SetCases(IReadOnlyList<CaseMarkUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        _ = Unit; // a key that is no org unit is refused
        if (book.State.SetCases(updates))
        {
            SendTotalsUp();
        }

        return Task.CompletedTask;
    }

    public Task SetChild(string childCode, VitalTotals totals)
    {
        _ = Unit; // a key that is no org unit is refused
        if (book.State.SetChild(childCode, totals))
        {
            StoreSoon();
            SendTotalsUp();
        }

        return Task.CompletedTask;
    }

    public async Task Merge(IReadOnlyList<IndicatorMinute> minutes)
    {
        book.State.Merge(minutes);
        _unstored = true;
        if (_minutesStoredAt == long.MinValue || time.GetElapsedTime(_minutesStoredAt) >= MinuteCheckpoint)
        {
            await StoreAsync();
        }
    }

    public async Task<VitalSigns> Get()
    {
        var unit = Unit;
        return book.State.View(unit, Now(), await emergencies.AtAsync(unit.Code));
    }

    public Task<IReadOnlyList<IndicatorPoint>> GetHistory(SensorKind kind) => Task.FromResult(book.State.History(kind, Now()));

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_unstored && reason.ReasonCode != DeactivationReasonCode.ShuttingDown)
        {
            await StoreAsync();
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private async Task ChangeAsync(Func<VitalsBook, bool> change)
    {
        _ = Unit; // a key that is no org unit is refused before anything is stored
        var totalsChanged = change(book.State);
        await StoreAsync();
        if (totalsChanged)
        {
            SendTotalsUp();
        }
    }

    /// <summary>
    /// Reads the open cases placed directly in this unit from the read model. Only grid cells and communities hold cases
    /// (<see cref="CaseMark.UnitOf"/>); a community's query also returns its grid cells' cases, which are left to them.
    /// </summary>
    private async Task LoadCasesAsync(CancellationToken cancellationToken)
    {
        var unit = Unit;
        if (unit.Level is not (OrgLevel.Grid or OrgLevel.Community))
        {
            return;
        }

        var query = new CaseQuery(OrgUnit: unit.Code, Statuses: CaseStatuses.Open, Limit: CaseQuery.MaxLimit);
        for (string? after = null; ;)
        {
            var page = await cases.QueryAsync(query with { After = after }, cancellationToken);
            book.State.SetCases(page.Cases
                .Where(view => CaseMark.UnitOf(view.Place) == unit.Code)
                .Select(view => new CaseMarkUpdate(view.Id, view.Version, CaseMark.Of(view))));
            if ((after = page.Next) is null)
            {
                return;
            }
        }
    }

    private void SendTotalsUp()
    {
        if (Unit.ParentCode is not { } parent)
        {
            return;
        }

        if (!_sending.IsCompleted)
        {
            _sendAgain = true;
            return;
        }

        _sending = SendAsync(GrainFactory.GetGrain<IVitalsGrain>(parent), Unit.Code);
    }

    private async Task SendAsync(IVitalsGrain parent, string code)
    {
        do
        {
            _sendAgain = false;
            try
            {
                await parent.SetChild(code, book.State.Totals());
            }
            catch (Exception ex)
            {
                LogSendFailed(logger, ex, code);
                return;
            }
        }
        while (_sendAgain);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vital signs of {Unit} were not sent to its parent; its next change or activation sends them.")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string unit);

    /// <summary>Stores the book <see cref="ChildTotalsCheckpoint"/> from now unless a store is already due.</summary>
    private void StoreSoon()
    {
        _unstored = true;
        if (_checkpoint is not null)
        {
            return;
        }

        _checkpoint = this.RegisterGrainTimer(StoreIfUnstoredAsync, new GrainTimerCreationOptions
        {
            DueTime = ChildTotalsCheckpoint,
            Period = Timeout.InfiniteTimeSpan,
        });
    }

    private async Task StoreIfUnstoredAsync(CancellationToken cancellationToken)
    {
        _checkpoint?.Dispose();
        _checkpoint = null;
        // A silo shutting down may have stopped its grain storage already (the in-memory one is a grain); as on
        // deactivation at shutdown, the unstored totals are left to the children's next sends.
        if (_unstored && !silo.CurrentStatus.IsTerminating())
        {
            await StoreAsync();
        }
    }

    private async Task StoreAsync()
    {
        await book.WriteStateAsync();
        _minutesStoredAt = time.GetTimestamp();
        _unstored = false;
    }

    private DateTimeOffset Now() => TimeZoneInfo.ConvertTime(time.GetUtcNow(), city.Calendar.Zone);
}
