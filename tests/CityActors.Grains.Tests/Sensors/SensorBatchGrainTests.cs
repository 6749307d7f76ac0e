using CityActors.Domain.Cases;
using CityActors.Domain.Sensors;
using static CityActors.Grains.Tests.CaseSilo;

namespace CityActors.Grains.Tests.Sensors;

public sealed class SensorBatchGrainTests
{
    private static readonly DateTimeOffset Now = At(11, 16, 10);

    [Fact]
    public async Task Every_reading_of_a_batch_gets_its_own_verdict_and_bad_ones_never_fail_the_others()
    {
        await using var silo = await StartAsync(Now);
        await silo.RegisterAsync("b-1");
        await silo.RegisterAsync("b-2", 121.4399, 31.2199);
        await silo.ReadAsync(new SensorReading("b-2", Now.AddMinutes(-1), 0.3));

        var verdicts = await silo.ReadAsync(
            new SensorReading("b-1", Now.AddSeconds(-30), 0.2),
            new SensorReading("nobody", Now, 0.2),
            new SensorReading("bad id!", Now, 0.2),
            new SensorReading("b-1", Now.AddSeconds(-20), double.NaN),
            new SensorReading("b-1", Now.AddMinutes(10), 0.2),
            new SensorReading("b-2", Now.AddMinutes(-2), 0.2),
            new SensorReading("b-2", Now.AddMinutes(-1), 0.2),
            new SensorReading("b-1", Now.AddSeconds(-30), 0.25),
            new SensorReading("b-1", Now.AddSeconds(-40), 0.1),
            new SensorReading("b-2", Now, double.PositiveInfinity));

        verdicts.ShouldBe([
            ReadingVerdict.Accepted,
            ReadingVerdict.UnknownSensor,
            ReadingVerdict.UnknownSensor,
            ReadingVerdict.NotFinite,
            ReadingVerdict.InFuture,
            ReadingVerdict.Older,
            ReadingVerdict.Duplicate,
            ReadingVerdict.Duplicate,
            ReadingVerdict.Accepted, // taken in time order: before the reading at -30 s
            ReadingVerdict.NotFinite,
        ]);
        var b1 = await silo.Sensor("b-1").Get();
        (b1.ReadingsAccepted, b1.LastReadingAt, b1.LastValue).ShouldBe((2, Now.AddSeconds(-30), 0.2));
    }

    [Fact]
    public async Task Registration_names_every_problem_checks_the_caller_and_resolves_grid_and_owner()
    {
        await using var silo = await StartAsync(Now);
        var invalid = await Should.ThrowAsync<CaseCommandException>(() => silo.Sensor("x-1").Register(SensorTesting.Platform,
            new SensorRegistration("x-1", SensorKind.WaterLevel, 121.45, 31.21, "rt.nowhere", TimeSpan.Zero, [new ThresholdRule("high", "9999", ThresholdDirection.Above, 1, 2, TimeSpan.Zero)])));
        invalid.Kind.ShouldBe(CaseErrorKind.Invalid);
        invalid.Message.ShouldContain("outside city rt");
        invalid.Message.ShouldContain("Department 'rt.nowhere'");
        invalid.Message.ShouldContain("Reporting interval 00:00:00");
        invalid.Message.ShouldContain("matter '9999'");
        invalid.Message.ShouldContain("clear level 2 must not be beyond the trigger 1");

        var citizen = new Actor("c", Role.Citizen);
        (await Should.ThrowAsync<CaseCommandException>(() => silo.Sensor("x-2").Register(citizen,
            new SensorRegistration("x-2", SensorKind.WaterLevel, 121.405, 31.205, SensorTesting.Water, TimeSpan.FromMinutes(1), SensorTesting.WaterRules)))).Kind.ShouldBe(CaseErrorKind.Forbidden);
        var otherStreet = new Actor("op", Role.CentreOperator, "rt.2.02");
        (await Should.ThrowAsync<CaseCommandException>(() => silo.Sensor("x-2").Register(otherStreet,
            new SensorRegistration("x-2", SensorKind.WaterLevel, 121.405, 31.205, SensorTesting.Water, TimeSpan.FromMinutes(1), SensorTesting.WaterRules)))).Kind.ShouldBe(CaseErrorKind.Forbidden);

        var registered = await silo.Sensor("x-2").Register(new Actor("op", Role.CentreOperator, "rt.1"),
            new SensorRegistration("x-2", SensorKind.WaterLevel, 121.405, 31.205, SensorTesting.Water, TimeSpan.FromMinutes(1), SensorTesting.WaterRules));
        registered.Definition.GridCode.ShouldStartWith("rt.1.01.south.");
        (await silo.Sensor("x-2").Get()).Status.ShouldBe(SensorStatus.Pending);
        (await Should.ThrowAsync<CaseCommandException>(() => silo.Sensor("x-3").Get())).Kind.ShouldBe(CaseErrorKind.NotFound);
    }
}
