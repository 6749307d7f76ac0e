using CityActors.Testing;
using CityActors.Domain.Calendar;
using CityActors.Domain.City;
using CityActors.Domain.Matters;
using CityActors.Domain.Package;
using CityActors.Domain.Sensors;

namespace CityActors.CityPackages.Tests.Nyc;

/// <summary>The NYC package's sensor defaults, fleet and emergency profiles.</summary>
public sealed class ShippedNycSensorsTests
{
    private const double FullCellSquareMeters = 250 * 250;

    private static readonly Lazy<CityModel> Nyc = new(() => CityPackageLoader.Load(RepositoryFiles.ShippedNycPackage));

    private static readonly Lazy<IReadOnlyList<SensorDefinition>> Fleet = new(() => new SensorRegistrar(Nyc.Value, Nyc.Value.Sensors).ResolveFleet());

    [Fact]
    public void Every_kind_has_defaults_with_a_threshold_and_an_offline_rule()
    {
        var kinds = Nyc.Value.Sensors.Kinds;

        kinds.Keys.ShouldBe(SensorKinds.All, ignoreOrder: true);
        kinds.Values.ShouldAllBe(p => p.Rules.OfType<ThresholdRule>().Any() && p.Rules.OfType<OfflineRule>().Count() == 1);
        kinds[SensorKind.WaterLevel].Rules.OfType<RateOfChangeRule>().ShouldHaveSingleItem();
        kinds[SensorKind.GasConcentration].Rules.OfType<RateOfChangeRule>().ShouldHaveSingleItem();
        kinds.Values.SelectMany(p => p.Rules.OfType<ThresholdRule>()).ShouldAllBe(r => r.Clear < r.Trigger);
        kinds[SensorKind.Noise].Rules.OfType<ThresholdRule>().Single().MatterCode.ShouldBe(MatterCode("Noise"));
        kinds[SensorKind.StreetLightCurrent].Agency.ShouldBe("DOT");
    }

    [Fact]
    public void Sensor_matters_follow_the_311_types_and_belong_to_nyc_agencies()
    {
        var catalogue = Nyc.Value.Catalogue;
        var ruleMatters = Nyc.Value.Sensors.Kinds.Values.SelectMany(p => p.Rules).Select(r => catalogue.Find(r.MatterCode)!).Distinct().ToList();

        catalogue.Matters.Count.ShouldBe(43);
        catalogue.Matters.Take(34).ShouldNotContain(m => m.NameEn.StartsWith("Sensor Offline", StringComparison.Ordinal));
        catalogue.Find("NYC035")!.NameEn.ShouldBe("Street Flooding");
        catalogue.Find("NYC035")!.Recurrence.ShouldBe(Recurrence.Reopen);
        catalogue.Find(MatterCode("Smoke Detected"))!.Recurrence.ShouldBe(Recurrence.NewCase);
        ruleMatters.Select(m => m.NameEn).ShouldContain("Street Light Condition");
        ruleMatters.Select(m => m.OwnerAgencies[OrgLevel.District]).Distinct().ShouldBe(["DEP", "DOB", "DOHMH", "DOT"], ignoreOrder: true);
    }

    [Fact]
    public void The_fleet_of_three_thousand_resolves_to_grid_cells_and_agency_offices()
    {
        var fleet = Fleet.Value;

        fleet.Count.ShouldBe(3000);
        fleet.Select(d => d.Id).Distinct().Count().ShouldBe(3000);
        fleet.GroupBy(d => d.Kind).Select(g => g.Key).ShouldBe(SensorKinds.All, ignoreOrder: true);
        fleet.Count(d => d.Kind == SensorKind.WaterLevel).ShouldBe(400);
        fleet.ShouldAllBe(d => Nyc.Value.FindDepartment(d.DepartmentCode)!.Agency == Nyc.Value.Sensors.Kinds[d.Kind].Agency);
        fleet.Single(d => d.Id == "nyc-wl-00001").Kind.ShouldBe(SensorKind.WaterLevel);
        fleet.Select(d => d.Id).ShouldAllBe(id => System.Text.RegularExpressions.Regex.IsMatch(id, "^nyc-[a-z]{2}-[0-9]{5}$"));
    }

    [Fact]
    public void Water_level_and_bridge_sensors_stand_on_the_shore_and_the_rest_in_whole_interior_cells()
    {
        foreach (var sensor in Fleet.Value)
        {
            var area = Nyc.Value.Projection.ToMeters(Nyc.Value.Unit(sensor.GridCode).Boundary!).Area;
            if (sensor.Kind is SensorKind.WaterLevel or SensorKind.BridgeStrain)
            {
                area.ShouldBeLessThan(FullCellSquareMeters * 0.99, sensor.Id);
            }
            else
            {
                area.ShouldBeGreaterThanOrEqualTo(FullCellSquareMeters * 0.95, sensor.Id);
            }
        }
    }

    [Fact]
    public void The_flood_and_major_event_profiles_tighten_thresholds_and_shorten_limits()
    {
        var profiles = Nyc.Value.EmergencyProfiles;
        var kinds = Nyc.Value.Sensors.Kinds;

        profiles.Keys.ShouldBe(["flood", "major-event"], ignoreOrder: true);
        var flood = profiles["flood"];
        var waterLevel = flood.ThresholdsFor(SensorKind.WaterLevel).ShouldHaveSingleItem();
        waterLevel.Trigger.ShouldBeLessThan(kinds[SensorKind.WaterLevel].Rules.OfType<ThresholdRule>().Single().Trigger);
        flood.MatterLimits[MatterCode("Street Flooding")][CaseStage.AcceptAndDispatch].ShouldBe(TimeLimit.NaturalMinutes(5));
        flood.MatterLimits.Keys.ShouldContain(MatterCode("Sewer"));
        var majorEvent = profiles["major-event"];
        majorEvent.ThresholdsFor(SensorKind.Noise).ShouldHaveSingleItem().Trigger.ShouldBe(80);
        majorEvent.MatterLimits[MatterCode("Noise")][CaseStage.Handle].ShouldBe(TimeLimit.NaturalHours(1));
        majorEvent.MatterLimits.Keys.ShouldContain(MatterCode("Street Condition"));
    }

    private static string MatterCode(string nameEn) => Nyc.Value.Catalogue.Matters.Single(m => m.NameEn == nameEn).Code;
}
