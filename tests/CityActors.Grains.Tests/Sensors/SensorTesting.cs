using CityActors.Domain.Cases;
using CityActors.Domain.Sensors;
using CityActors.GrainInterfaces.Sensors;
using CityActors.Grains.Vitals;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.Grains.Tests.Sensors;

/// <summary>Sensors on the Riverton test silo: registrations with explicit rules, readings, closing a sensor case.</summary>
internal static class SensorTesting
{
    public const string Water = "rt.1.water";
    public static readonly Actor Platform = SensorCasePolicy.Platform;
    public static readonly Actor Operator = new("op", Role.CentreOperator, "rt.1.01");

    public static readonly IReadOnlyList<SensorRule> WaterRules =
    [
        new ThresholdRule("high", "0101", ThresholdDirection.Above, 1.0, 0.8, TimeSpan.FromMinutes(2)),
        new RateOfChangeRule("surge", "0101", 1.0),
        new OfflineRule("offline", "0101", 3),
    ];

    public static ISensorGrain Sensor(this CaseSilo silo, string id) => silo.Grains.GetGrain<ISensorGrain>(id);

    public static Task<SensorView> RegisterAsync(this CaseSilo silo, string id, double longitude = 121.405, double latitude = 31.205, IReadOnlyList<SensorRule>? rules = null) =>
        silo.Sensor(id).Register(Platform, new SensorRegistration(id, SensorKind.WaterLevel, longitude, latitude, Water, TimeSpan.FromMinutes(1), rules ?? WaterRules));

    public static Task<IReadOnlyList<ReadingVerdict>> ReadAsync(this CaseSilo silo, params SensorReading[] readings) =>
        silo.Grains.GetGrain<ISensorIngestGrain>(0).Ingest(readings);

    /// <summary>Sends one reading at the silo's current time plus <paramref name="after"/>, moving the clock there first.</summary>
    public static async Task<ReadingVerdict> ReadAtAsync(this CaseSilo silo, string sensor, TimeSpan after, double value, DateTimeOffset start)
    {
        silo.Clock.SetUtcNow(start + after);
        return (await silo.ReadAsync(new SensorReading(sensor, start + after, value))).Single();
    }

    public static Task FlushVitalsAsync(this CaseSilo silo) => silo.Services.GetRequiredService<SiloReadingRollup>().FlushAsync();

    /// <summary>Takes an auto-verified sensor case in South Bank through dispatch, handling and inspection to closed.</summary>
    public static async Task CloseAsync(this CaseSilo silo, string caseId)
    {
        var grain = silo.Case(caseId);
        await grain.Execute(new AcceptCase(Operator));
        await grain.Execute(new SignFor(new Actor("clerk", Role.DepartmentClerk, Water), Water));
        await grain.Execute(new ReportHandled(new Actor("h", Role.DepartmentHandler, Water), Water, "fixed"));
        var closed = await grain.Execute(new InspectCase(Operator, true));
        closed.Status.ShouldBe(CaseStatus.Closed);
    }
}
