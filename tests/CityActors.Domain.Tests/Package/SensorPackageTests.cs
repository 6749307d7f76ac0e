using System.Text.Json.Nodes;
using CityActors.Domain.Calendar;
using CityActors.Domain.City;
using CityActors.Domain.Matters;
using CityActors.Domain.Package;
using CityActors.Domain.Sensors;

namespace CityActors.Domain.Tests.Package;

/// <summary>sensors.json and the matters' recurrence: the test city's sensors load, and every kind of mistake is named.</summary>
public sealed class SensorPackageTests
{
    private static readonly Lazy<CityModel> Riverton = new(() => CityPackageLoader.Load(TestCityPackage.Directory));

    [Fact]
    public void The_test_city_has_water_level_and_manhole_defaults()
    {
        var kinds = Riverton.Value.Sensors.Kinds;

        kinds.Keys.ShouldBe([SensorKind.WaterLevel, SensorKind.ManholeTilt], ignoreOrder: true);
        kinds[SensorKind.WaterLevel].ShouldSatisfyAllConditions(
            p => p.ReportingInterval.ShouldBe(TimeSpan.FromMinutes(5)),
            p => p.Agency.ShouldBe("WATER"),
            p => p.Rules.ShouldBe([
                new ThresholdRule("high", "0901", ThresholdDirection.Above, 1.0, 0.8, TimeSpan.FromMinutes(2)),
                new RateOfChangeRule("surge", "0901", 0.1),
                new OfflineRule("offline", "0902", 3),
            ]));
        kinds[SensorKind.ManholeTilt].ShouldSatisfyAllConditions(
            p => p.ReportingInterval.ShouldBe(TimeSpan.FromMinutes(10)),
            p => p.Rules.ShouldBe([
                new ThresholdRule("tilt", "0101", ThresholdDirection.Above, 15, 5, TimeSpan.Zero),
                new OfflineRule("offline", "0902", 3),
            ]));
    }

    [Fact]
    public void The_test_fleet_resolves_to_grid_cells_and_water_offices()
    {
        var city = Riverton.Value;

        var fleet = new SensorRegistrar(city, city.Sensors).ResolveFleet().ToDictionary(d => d.Id);

        fleet.Keys.ShouldBe(["rt-wl-1", "rt-wl-2", "rt-mh-1"], ignoreOrder: true);
        fleet["rt-wl-1"].GridCode.ShouldStartWith("rt.1.01.south.");
        fleet["rt-wl-1"].DepartmentCode.ShouldBe("rt.1.water");
        fleet["rt-wl-2"].GridCode.ShouldStartWith("rt.2.02.harbour.");
        fleet["rt-mh-1"].GridCode.ShouldStartWith("rt.2.01.market.");
        fleet["rt-mh-1"].Kind.ShouldBe(SensorKind.ManholeTilt);
        fleet["rt-mh-1"].DepartmentCode.ShouldBe("rt.2.water");
    }

    [Fact]
    public void Matters_say_whether_a_returning_condition_reopens_its_case()
    {
        var catalogue = Riverton.Value.Catalogue;

        catalogue.Find("0901")!.Recurrence.ShouldBe(Recurrence.Reopen);
        catalogue.Find("0902")!.Recurrence.ShouldBe(Recurrence.NewCase);
        catalogue.Find("0902")!.Limit(CaseStage.Handle, Urgency.Normal).ShouldBe(TimeLimit.WorkingHours(8));
    }

    [Fact]
    public void A_package_without_sensors_or_emergency_profiles_loads_as_before()
    {
        var directory = TestCityPackage.CopyWith((file, node) =>
        {
            if (file == "city.json")
            {
                node.AsObject().Remove("sensors");
                node.AsObject().Remove("emergencyProfiles");
            }
        });

        var city = CityPackageLoader.Load(directory);

        city.Sensors.Kinds.ShouldBeEmpty();
        city.Sensors.Fleet.ShouldBeEmpty();
        city.EmergencyProfiles.ShouldBeEmpty();
        city.CountAt(OrgLevel.Grid).ShouldBe(Riverton.Value.CountAt(OrgLevel.Grid));
    }

    [Fact]
    public void Kinds_rule_types_agencies_durations_and_fleet_entries_are_checked_with_the_rest_of_the_package()
    {
        var directory = TestCityPackage.CopyWith((file, node) =>
        {
            if (file == "sensors.json")
            {
                var kinds = node["kinds"]!;
                kinds["lava"] = JsonNode.Parse("""{"interval":"5m","agency":"WATER","rules":[{"type":"offline","code":"offline","matter":"0902","missedIntervals":3}]}""");
                kinds["smoke"] = JsonNode.Parse("""{"rules":[{"type":"offline","code":"offline","matter":"0902","missedIntervals":3}]}""");
                kinds["noise"] = JsonNode.Parse("""{"interval":"2 minutes","agency":"NOISE","rules":[{"type":"offline","code":"offline","matter":"0902","missedIntervals":3}]}""");
                var waterRules = kinds["waterLevel"]!["rules"]!;
                waterRules[0]!["minDuration"] = "soon";
                waterRules[1]!["matter"] = "9999";
                kinds["manholeTilt"]!["rules"]!.AsArray().Add(JsonNode.Parse("""{"type":"spike","code":"spike","matter":"0101"}"""));
                var fleet = node["fleet"]!.AsArray();
                fleet.Add(JsonNode.Parse("""{"id":"rt-wl-1","kind":"waterLevel","lon":121.41,"lat":31.206}"""));
                fleet.Add(JsonNode.Parse("""{"id":"bad id!","kind":"waterLevel","lon":121.41,"lat":31.206}"""));
                fleet.Add(JsonNode.Parse("""{"id":"rt-pm-1","kind":"pm25","lon":121.41,"lat":31.206}"""));
                fleet.Add(JsonNode.Parse("""{"id":"rt-xx-1","kind":"radar","lon":121.41,"lat":31.206}"""));
            }
            else if (file == "matters.json")
            {
                node["matters"]![0]!["recurrence"] = "sometimes";
            }
            else if (file == "city.json")
            {
                node["timeZone"] = "Mars/Olympus";
            }
        });

        var errors = Should.Throw<CityPackageException>(() => CityPackageLoader.Load(directory)).Errors;

        errors.ShouldContain("city.json: timeZone 'Mars/Olympus' is not a known IANA time zone");
        errors.ShouldContain("matters.json: matter 0101 (上水井盖): recurrence 'sometimes' must be newCase or reopen");
        errors.ShouldContain(e => e.StartsWith("sensors.json: kind lava: unknown sensor kind; use one of waterLevel, manholeTilt, smoke", StringComparison.Ordinal));
        errors.ShouldContain("sensors.json: kind smoke: interval (the expected time between readings) is missing");
        errors.ShouldContain("sensors.json: kind smoke: agency (the owner of sensors of this kind) is missing");
        errors.ShouldContain("sensors.json: kind noise: agency NOISE has no department in the city");
        errors.ShouldContain(e => e.StartsWith("sensors.json: kind noise: interval '2 minutes' must be a duration like", StringComparison.Ordinal));
        errors.ShouldContain("sensors.json: kind waterLevel rule high: minDuration 'soon' is not a duration like \"0s\", \"2m\" or \"1h\"");
        errors.ShouldContain("sensors.json: kind waterLevel rule surge: matter '9999' is not in the catalogue");
        errors.ShouldContain("sensors.json: kind manholeTilt rule spike: type 'spike' must be threshold, rateOfChange or offline");
        errors.ShouldContain("sensors.json: fleet sensor rt-wl-1: id is used more than once");
        errors.ShouldContain("sensors.json: fleet sensor bad id!: id must be 1–40 letters, digits, '-' or '_'");
        errors.ShouldContain("sensors.json: fleet sensor rt-pm-1: kind pm25 has no defaults under kinds");
        errors.ShouldContain("sensors.json: fleet sensor rt-xx-1: unknown sensor kind 'radar'");
    }

    [Fact]
    public void Rule_levels_codes_rates_and_missed_intervals_are_checked_by_the_registrar()
    {
        var directory = TestCityPackage.CopyWith((file, node) =>
        {
            if (file == "sensors.json")
            {
                var waterRules = node["kinds"]!["waterLevel"]!["rules"]!;
                waterRules[0]!["clear"] = 1.2;
                waterRules[1]!["maxChangePerMinute"] = -0.1;
                waterRules[2]!["missedIntervals"] = 0;
                node["kinds"]!["manholeTilt"]!["rules"]![1]!["code"] = "tilt";
            }
        });

        var errors = Should.Throw<CityPackageException>(() => CityPackageLoader.Load(directory)).Errors;

        errors.ShouldBe(
        [
            "sensors.json: kind waterLevel: rule 'high': clear level 1.2 must not be beyond the trigger 1 (Above).",
            "sensors.json: kind waterLevel: rule 'surge': the maximum change per minute must be a positive number.",
            "sensors.json: kind waterLevel: rule 'offline': missed intervals must be 1–1000.",
            "sensors.json: kind manholeTilt: Rule code 'tilt' is used twice.",
        ]);
    }

    [Fact]
    public void A_fleet_sensor_outside_the_city_is_named()
    {
        var directory = TestCityPackage.CopyWith((file, node) =>
        {
            if (file == "sensors.json")
            {
                node["fleet"]!.AsArray().Add(JsonNode.Parse("""{"id":"rt-wl-9","kind":"waterLevel","lon":121.45,"lat":31.21}"""));
            }
        });

        var errors = Should.Throw<CityPackageException>(() => CityPackageLoader.Load(directory)).Errors;

        errors.ShouldHaveSingleItem().ShouldBe("sensors.json: fleet sensor rt-wl-9: Location (121.45, 31.21) is outside city rt.");
    }

    [Fact]
    public void A_named_sensors_file_must_exist()
    {
        var directory = TestCityPackage.CopyWith((file, node) =>
        {
            if (file == "city.json")
            {
                node["sensors"] = "nope.json";
                node.AsObject().Remove("emergencyProfiles");
            }
        });

        Should.Throw<CityPackageException>(() => CityPackageLoader.Load(directory))
            .Errors.ShouldHaveSingleItem().ShouldBe("sensors file 'nope.json' not found");
    }
}
