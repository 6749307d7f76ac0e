using CityActors.Deadlines;
using CityActors.Domain.Cases;
using CityActors.Domain.City;
using CityActors.Domain.Sensors;
using CityActors.Domain.Vitals;
using CityActors.GrainInterfaces.Sensors;
using CityActors.GrainInterfaces.Vitals;
using CityActors.Grains.Emergencies;
using CityActors.Grains.Vitals;
using Microsoft.Extensions.Options;

namespace CityActors.Grains.Sensors;

/// <summary>
/// One sensor: <see cref="SensorMonitor"/> judges its readings under the emergency profile in force at its grid cell;
/// condition changes go to their cases and the new state is stored before the readings are acknowledged, and its
/// status and alarms are counted by its grid cell's vital signs. A sensor that has reported keeps one durable
/// deadline at the time it would count as offline; the deadline is moved only when it fires early, not per reading.
/// </summary>
public sealed class SensorGrain(
    CityModel city,
    SensorRegistrar registrar,
    SensorMonitor monitor,
    EmergencyModes emergencies,
    SiloReadingRollup rollup,
    IDeadlines deadlines,
    [PersistentState("sensor")] IPersistentState<SensorState> stored,
    IOptions<SensorOptions> options,
    TimeProvider time) : Grain, ISensorGrain, IDeadlineTarget
{
    private const string OfflineDeadline = "offline";
    private long _storedAt = long.MinValue;
    private bool _unstored;

    private SensorState State => stored.State;

    public async Task<SensorView> Register(Actor by, SensorRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(registration);
        if (registration.Id != this.GetPrimaryKeyString())
        {
            throw new CaseCommandException(CaseErrorKind.Invalid, $"Registration of sensor '{registration.Id}' was sent to sensor '{this.GetPrimaryKeyString()}'.");
        }

        SensorDefinition definition;
        try
        {
            definition = registrar.Resolve(registration);
        }
        catch (SensorRegistrationException ex)
        {
            throw new CaseCommandException(CaseErrorKind.Invalid, ex.Message);
        }

        if (!SensorAccess.MayRegister(by, definition, city))
        {
            throw new CaseCommandException(CaseErrorKind.Forbidden, $"{by} may not register sensor {definition.Id} at {definition.GridCode} for {definition.DepartmentCode}.");
        }

        if (State.Definition is { } current && SameDefinition(current, definition))
        {
            return SensorView.From(State); // Registered again as it is (a fleet registered at every start): nothing to store.
        }

        var next = State.Definition is null ? new SensorState { RegisteredAt = Now() } : State.Copy();
        var movedFrom = next.Definition?.GridCode;
        next.Definition = definition;
        foreach (var gone in next.Conditions.Keys.Where(code => definition.Rules.All(r => r.Code != code)).ToList())
        {
            next.Conditions.Remove(gone);
        }

        await CommitAsync(next, storeNow: true);
        if (movedFrom is not null && movedFrom != definition.GridCode)
        {
            await GrainFactory.GetGrain<IVitalsGrain>(movedFrom).SetSensor(definition.Id, null);
        }

        return SensorView.From(State);
    }

    public async Task<IReadOnlyList<ReadingVerdict>> Ingest(IReadOnlyList<SensorReading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        if (State.Definition is not { } definition)
        {
            DeactivateOnIdle();
            return [.. readings.Select(_ => ReadingVerdict.UnknownSensor)];
        }

        var emergency = await emergencies.AtAsync(definition.GridCode);
        var evaluation = monitor.Evaluate(State, readings, Now(), emergency?.Profile.ThresholdsFor(definition.Kind));
        if (evaluation.Accepted == 0)
        {
            return evaluation.Verdicts;
        }

        var material = evaluation.Changes.Count > 0 || evaluation.After.Status != State.Status;
        await SensorCases.ApplyAsync(GrainFactory, city, definition, evaluation.After, evaluation.Changes);
        await CommitAsync(evaluation.After, storeNow: material);
        rollup.Add(definition.GridCode, definition.Kind, readings, evaluation.Verdicts);
        return evaluation.Verdicts;
    }

    public Task<SensorView> Get() => State.Definition is null
        ? throw new CaseCommandException(CaseErrorKind.NotFound, $"Sensor {this.GetPrimaryKeyString()} is not registered.")
        : Task.FromResult(SensorView.From(State));

    public Task OnDeadlineApproaching() => Task.CompletedTask;

    public async Task OnDeadline(DeadlineFired deadline)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        if (deadline.Name != OfflineDeadline || State.Definition is not { } definition || State.Status != SensorStatus.Online)
        {
            return;
        }

        var evaluation = monitor.CheckSilence(State, Now());
        if (evaluation.After.Status == SensorStatus.Offline)
        {
            await SensorCases.ApplyAsync(GrainFactory, city, definition, evaluation.After, evaluation.Changes);
            await CommitAsync(evaluation.After, storeNow: true);
        }
        else
        {
            // Readings came after the deadline was set: it moves to the new offline time (one write per silence
            // window, not one per reading).
            await deadlines.SetAsync(this.GetGrainId(), OfflineDeadline, State.OfflineDue);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Not while the silo shuts down: embedded mode's in-memory storage may be gone by then, and a write that never
        // answers would hold up the stop; the last value is then forgotten as after a crash (one checkpoint at most).
        if (_unstored && reason.ReasonCode != DeactivationReasonCode.ShuttingDown)
        {
            await StoreAsync();
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <summary>Makes <paramref name="next"/> the sensor's state: stored now if it matters (else at the checkpoint), counted by vital signs, watched for silence.</summary>
    private async Task CommitAsync(SensorState next, bool storeNow)
    {
        var before = State;
        var wasOnline = before.Definition is not null && before.Status == SensorStatus.Online;
        stored.State = next;
        _unstored = true;
        try
        {
            if (storeNow || _storedAt == long.MinValue || time.GetElapsedTime(_storedAt) >= options.Value.CheckpointInterval)
            {
                await StoreAsync();
            }

            if (next.Status == SensorStatus.Online && !wasOnline)
            {
                await deadlines.SetAsync(this.GetGrainId(), OfflineDeadline, next.OfflineDue);
            }
        }
        catch
        {
            // Not stored: the next call starts from what is stored, so nothing acknowledged is forgotten.
            stored.State = before;
            await stored.ReadStateAsync();
            _unstored = false;
            throw;
        }

        var gauge = SensorGauge.Of(next);
        if (before.Definition is null || gauge != SensorGauge.Of(before) || before.Definition.GridCode != next.Definition!.GridCode)
        {
            await GrainFactory.GetGrain<IVitalsGrain>(next.Definition!.GridCode).SetSensor(next.Definition.Id, gauge);
        }
    }

    private async Task StoreAsync()
    {
        await stored.WriteStateAsync();
        _storedAt = time.GetTimestamp();
        _unstored = false;
    }

    private static bool SameDefinition(SensorDefinition a, SensorDefinition b) =>
        a with { Rules = [] } == b with { Rules = [] } && a.Rules.SequenceEqual(b.Rules);

    private DateTimeOffset Now() => TimeZoneInfo.ConvertTime(time.GetUtcNow(), city.Calendar.Zone);
}
