using CityActors.Domain.Cases;
using CityActors.Domain.City;
using CityActors.Domain.Matters;
using CityActors.Domain.Sensors;
using CityActors.GrainInterfaces.Cases;

namespace CityActors.Grains.Sensors;

/// <summary>
/// Tells the case lifecycle what a sensor's conditions did: a start opens a case (or goes to the last one while it is
/// open, or reopens it per the matter's <see cref="Recurrence"/>), a continuation records its readings there, an end
/// records the recovery. Every step is idempotent (case ids come from sensor, rule and occurrence; a recovery is
/// recorded once), so a sensor that failed half-way simply does it all again.
/// </summary>
internal static class SensorCases
{
    public static async Task ApplyAsync(IGrainFactory grains, CityModel city, SensorDefinition sensor, SensorState after, IReadOnlyList<ConditionChange> changes)
    {
        foreach (var change in changes)
        {
            var condition = after.Condition(change.RuleCode);
            switch (change.Kind)
            {
                case ConditionChangeKind.Started:
                    condition.CaseId = await StartAsync(grains, city, sensor, condition, change);
                    break;
                case ConditionChangeKind.Continued when condition.CaseId is { } caseId:
                    await grains.GetGrain<ICaseGrain>(caseId).Execute(new RecordSensorReadings(SensorCasePolicy.Platform, change.RuleCode, change.Readings));
                    break;
                case ConditionChangeKind.Ended when condition.CaseId is { } caseId:
                    await grains.GetGrain<ICaseGrain>(caseId).Execute(new RecordSensorRecovery(SensorCasePolicy.Platform, change.RuleCode, change.At, change.Description));
                    break;
            }
        }
    }

    private static async Task<string> StartAsync(IGrainFactory grains, CityModel city, SensorDefinition sensor, ConditionState condition, ConditionChange change)
    {
        var matter = city.Catalogue.Find(change.MatterCode) ?? throw new InvalidOperationException($"Sensor {sensor.Id} rule {change.RuleCode} names matter {change.MatterCode}, which catalogue {city.Catalogue.Id} does not have.");
        var last = condition.CaseId is { } lastId ? await StatusOfAsync(grains.GetGrain<ICaseGrain>(lastId)) : null;
        var action = SensorCasePolicy.OnStart(last, matter);
        if (action != SensorCaseAction.OpenNew)
        {
            var lastCase = grains.GetGrain<ICaseGrain>(condition.CaseId!);
            if (action == SensorCaseAction.AddToOpen || await TryReopenAsync(lastCase, change.Description))
            {
                await lastCase.Execute(new RecordSensorReadings(SensorCasePolicy.Platform, change.RuleCode, change.Readings, change.Description));
                return condition.CaseId!;
            }
        }

        var externalId = SensorCasePolicy.ExternalId(sensor.Id, change.RuleCode, condition.Occurrences);
        var report = new CaseReport(
            Channel.Sensor,
            externalId,
            matter.Code,
            change.Description,
            ReportedLocation.At(sensor.Longitude, sensor.Latitude),
            CategoryGuess: $"{sensor.Kind.Indicator()}/{change.RuleCode}");
        var view = await grains.GetGrain<ICaseGrain>(Channels.CaseIdFor(Channel.Sensor, externalId)).Execute(new ReportCase(SensorCasePolicy.Platform, report));
        return view.Id;
    }

    private static async Task<CaseStatus?> StatusOfAsync(ICaseGrain grain)
    {
        try
        {
            return (await grain.Get()).Status;
        }
        catch (CaseCommandException ex) when (ex.Kind == CaseErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <returns>False when the case may no longer be reopened (its reopen window has passed).</returns>
    private static async Task<bool> TryReopenAsync(ICaseGrain grain, string reason)
    {
        try
        {
            await grain.Execute(new ReopenCase(SensorCasePolicy.Platform, reason));
            return true;
        }
        catch (CaseCommandException ex) when (ex.Kind == CaseErrorKind.InvalidTransition)
        {
            return false;
        }
    }
}
