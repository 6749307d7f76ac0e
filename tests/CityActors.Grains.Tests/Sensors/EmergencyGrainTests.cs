using CityActors.Domain.Calendar;
using CityActors.Domain.Cases;
using CityActors.Domain.Sensors;
using CityActors.GrainInterfaces.Emergencies;
using CityActors.GrainInterfaces.Vitals;
using static CityActors.Grains.Tests.CaseSilo;

namespace CityActors.Grains.Tests.Sensors;

public sealed class EmergencyGrainTests
{
    private static readonly DateTimeOffset Start = At(11, 16, 10);
    private static readonly Actor StreetLeader = new("leader", Role.CentreLeader, "rt.1.01");
    private static readonly IReadOnlyList<SensorRule> Flooding = [new ThresholdRule("high", "0901", ThresholdDirection.Above, 1.0, 0.8, TimeSpan.Zero)];

    [Fact]
    public async Task A_street_centres_flood_profile_tightens_its_sensors_and_new_cases_only_and_switching_back_restores_them()
    {
        await using var silo = await StartAsync(Start);
        var board = silo.Grains.GetGrain<IEmergencyGrain>(0);
        await silo.RegisterAsync("e-in", rules: Flooding);
        await silo.RegisterAsync("e-out", 121.4399, 31.2199, Flooding);
        (await Should.ThrowAsync<CaseCommandException>(() => board.SwitchOn(SensorTesting.Operator, "rt.1.01.ops", "flood", "Typhoon"))).Kind.ShouldBe(CaseErrorKind.Forbidden);

        var on = await board.SwitchOn(StreetLeader, "rt.1.01.ops", "flood", "Typhoon Bebinca: orange warning");
        (await silo.ReadAtAsync("e-in", TimeSpan.FromMinutes(1), 0.7, Start)).ShouldBe(ReadingVerdict.Accepted);
        await silo.ReadAtAsync("e-out", TimeSpan.FromMinutes(1), 0.7, Start);

        var tightened = await silo.Case("iot-e-in.high.1").Get();
        tightened.Emergency!.ProfileCode.ShouldBe("flood");
        tightened.Timers.Single().DueAt.ShouldBe(Start.AddMinutes(6)); // 5 natural minutes to accept and dispatch
        (await Should.ThrowAsync<CaseCommandException>(() => silo.Case("iot-e-out.high.1").Get())).Kind.ShouldBe(CaseErrorKind.NotFound);
        var outside = await silo.ReportAsync("e-h-1", "0901", Harbour);
        (outside.Emergency, outside.Timers.Single().Limit).ShouldBe((null, TimeLimit.WorkingMinutes(30)));
        (await silo.Grains.GetGrain<IVitalsGrain>("rt.1.01.south").Get()).Emergency!.Profile.Code.ShouldBe("flood");
        (await silo.Grains.GetGrain<IVitalsGrain>("rt.2.02").Get()).Emergency.ShouldBeNull();

        var off = await board.SwitchOff(StreetLeader, "rt.1.01.ops", "Warning lifted");
        await silo.ReadAtAsync("e-in", TimeSpan.FromMinutes(2), 0.5, Start);
        await silo.ReadAtAsync("e-in", TimeSpan.FromMinutes(3), 0.7, Start);
        (await Should.ThrowAsync<CaseCommandException>(() => silo.Case("iot-e-in.high.2").Get())).Kind.ShouldBe(CaseErrorKind.NotFound);
        (await silo.ReportAsync("e-s-2", "0901", SouthBank)).Emergency.ShouldBeNull();
        (await silo.Grains.GetGrain<IVitalsGrain>("rt.1.01.south").Get()).Emergency.ShouldBeNull();

        (await board.GetJournal()).ShouldBe([on, off]);
        (on.ProfileCode, on.By, on.Reason, off.ProfileCode).ShouldBe(("flood", StreetLeader, "Typhoon Bebinca: orange warning", (string?)null));
        (await board.GetActive()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_condition_of_a_reopening_matter_reopens_its_closed_case_instead_of_opening_another()
    {
        await using var silo = await StartAsync(Start);
        await silo.RegisterAsync("r-1", rules: Flooding);
        await silo.ReadAtAsync("r-1", TimeSpan.FromMinutes(1), 1.2, Start);
        await silo.ReadAtAsync("r-1", TimeSpan.FromMinutes(2), 0.5, Start);
        await silo.CloseAsync("iot-r-1.high.1");

        await silo.ReadAtAsync("r-1", TimeSpan.FromMinutes(30), 1.3, Start);

        var reopened = await silo.Case("iot-r-1.high.1").Get();
        (reopened.Status, reopened.Reopens, reopened.SensorRecoveredAt).ShouldBe((CaseStatus.Dispatched, 1, null)); // reopened cases go back to their department at once
        (await Should.ThrowAsync<CaseCommandException>(() => silo.Case("iot-r-1.high.2").Get())).Kind.ShouldBe(CaseErrorKind.NotFound);
        (await silo.Case("iot-r-1.high.1").GetHistory()).OfType<CaseReopened>().Single().Meta.By.ShouldBe(SensorCasePolicy.Platform);
    }
}
