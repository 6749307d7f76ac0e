using CityActors.Domain.City;
using CityActors.Domain.Sensors;
using CityActors.Domain.Vitals;
using CityActors.GrainInterfaces.Vitals;
using CityActors.Grains.Emergencies;

namespace CityActors.Grains.Vitals;

/// <summary>
/// One org unit's vital signs. Counted marks (sensors, alarms, cases, children's totals) are stored before the call is
/// answered and, when the unit's totals change, sent on to the parent unit; indicator minutes are stored at most once
/// a minute (and on deactivation, except when the silo shuts down: the grain storage may be stopping), as they are
/// refreshed every few seconds anyway.
/// </summary>
public sealed class VitalsGrain(
    CityModel city,
    EmergencyModes emergencies,
    [PersistentState("vitals")] IPersistentState<VitalsBook> book,
    TimeProvider time) : Grain, IVitalsGrain
{
    private static readonly TimeSpan MinuteCheckpoint = TimeSpan.FromMinutes(1);
    private long _minutesStoredAt = long.MinValue;
    private bool _minutesDirty;

    private OrgUnit Unit => city.FindUnit(this.GetPrimaryKeyString())
        ?? throw new ArgumentException($"'{this.GetPrimaryKeyString()}' is not an org unit of city {city.Id}.");

    public Task SetSensor(string sensorId, SensorGauge? gauge) => ChangeAsync(b => b.SetSensor(sensorId, gauge));

    public Task SetCase(string caseId, CaseMark mark) => ChangeAsync(b => b.SetCase(caseId, mark));

    public Task SetChild(string childCode, VitalTotals totals) => ChangeAsync(b => b.SetChild(childCode, totals));

    public async Task Merge(IReadOnlyList<IndicatorMinute> minutes)
    {
        book.State.Merge(minutes);
        _minutesDirty = true;
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
        if (_minutesDirty && reason.ReasonCode != DeactivationReasonCode.ShuttingDown)
        {
            await StoreAsync();
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private async Task ChangeAsync(Func<VitalsBook, bool> change)
    {
        var unit = Unit;
        var totalsChanged = change(book.State);
        await StoreAsync();
        if (totalsChanged && unit.ParentCode is { } parent)
        {
            await GrainFactory.GetGrain<IVitalsGrain>(parent).SetChild(unit.Code, book.State.Totals());
        }
    }

    private async Task StoreAsync()
    {
        await book.WriteStateAsync();
        _minutesStoredAt = time.GetTimestamp();
        _minutesDirty = false;
    }

    private DateTimeOffset Now() => TimeZoneInfo.ConvertTime(time.GetUtcNow(), city.Calendar.Zone);
}
