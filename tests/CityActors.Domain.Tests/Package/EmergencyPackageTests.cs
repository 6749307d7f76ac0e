using System.Text.Json.Nodes;
using CityActors.Domain.Calendar;
using CityActors.Domain.City;
using CityActors.Domain.Matters;
using CityActors.Domain.Package;
using CityActors.Domain.Sensors;

namespace CityActors.Domain.Tests.Package;

/// <summary>emergency.json: the test city's flood and major-event profiles load; a profile may only tighten.</summary>
public sealed class EmergencyPackageTests
{
    private static readonly Lazy<CityModel> Riverton = new(() => CityPackageLoader.Load(TestCityPackage.Directory));

    [Fact]
    public void The_flood_profile_tightens_the_water_level_and_shortens_waterlogging_and_manhole_limits()
    {
        var flood = Riverton.Value.EmergencyProfiles["flood"];

        flood.NameZh.ShouldBe("防汛防台");
        flood.NameEn.ShouldBe("Flood and typhoon");
        flood.Thresholds.ShouldBe([new ThresholdOverride(SensorKind.WaterLevel, "high", 0.6, 0.4)]);
        flood.ThresholdsFor(SensorKind.ManholeTilt).ShouldBeEmpty();
        flood.MatterLimits.Keys.ShouldBe(["0901", "0101"], ignoreOrder: true);
        flood.MatterLimits["0901"][CaseStage.AcceptAndDispatch].ShouldBe(TimeLimit.NaturalMinutes(5));
        flood.MatterLimits["0901"][CaseStage.Handle].ShouldBe(TimeLimit.NaturalHours(1));
        flood.MatterLimits["0101"].ShouldHaveSingleItem().ShouldBe(new KeyValuePair<CaseStage, TimeLimit>(CaseStage.Handle, TimeLimit.NaturalHours(2)));
    }

    [Fact]
    public void The_major_event_profile_only_shortens_rubbish_handling()
    {
        var profiles = Riverton.Value.EmergencyProfiles;

        profiles.Keys.ShouldBe(["flood", "major-event"], ignoreOrder: true);
        profiles["major-event"].NameZh.ShouldBe("重大活动保障");
        profiles["major-event"].Thresholds.ShouldBeEmpty();
        profiles["major-event"].MatterLimits["0501"][CaseStage.Handle].ShouldBe(TimeLimit.NaturalHours(1));
    }

    [Fact]
    public void Codes_names_thresholds_matters_stages_and_limits_are_checked()
    {
        var directory = TestCityPackage.CopyWith((file, node) =>
        {
            if (file != "emergency.json")
            {
                return;
            }

            var profiles = node["profiles"]!.AsArray();
            profiles[0]!["thresholds"]!.AsArray().Add(JsonNode.Parse("""{"kind":"lava","rule":"high","trigger":1,"clear":0}"""));
            profiles[0]!["thresholds"]!.AsArray().Add(JsonNode.Parse("""{"kind":"waterLevel","rule":"surge","trigger":0.05,"clear":0.01}"""));
            profiles[0]!["thresholds"]!.AsArray().Add(JsonNode.Parse("""{"kind":"smoke","rule":"smoke","trigger":1,"clear":0}"""));
            profiles[0]!["thresholds"]!.AsArray().Add(JsonNode.Parse("""{"kind":"manholeTilt","rule":"tilt","trigger":10,"clear":12}"""));
            profiles[0]!["thresholds"]!.AsArray().Add(JsonNode.Parse("""{"kind":"manholeTilt","rule":"tilt","trigger":20,"clear":5}"""));
            profiles[0]!["limits"]!["7777"] = JsonNode.Parse("""{"handle":"1h natural"}""");
            profiles[0]!["limits"]!["0901"]!["repair"] = "1h natural";
            profiles[0]!["limits"]!["0901"]!["handle"] = "quickly";
            profiles[1]!["nameEn"] = null;
            profiles.Add(JsonNode.Parse("""{"code":"flood","nameZh":"又一个","nameEn":"Again"}"""));
            profiles.Add(JsonNode.Parse("""{"code":"","nameZh":"空","nameEn":"Empty"}"""));
        });

        var errors = Should.Throw<CityPackageException>(() => CityPackageLoader.Load(directory)).Errors;

        errors.ShouldBe(
        [
            "emergency.json: profile flood threshold lava/high: unknown sensor kind 'lava'",
            "emergency.json: profile flood threshold waterLevel/surge: 'surge' is not a threshold rule of the waterLevel defaults in the sensors file",
            "emergency.json: profile flood threshold smoke/smoke: 'smoke' is not a threshold rule of the smoke defaults in the sensors file",
            "emergency.json: profile flood threshold manholeTilt/tilt: clear level 12 must not be beyond the trigger 10 (the rule alarms above)",
            "emergency.json: profile flood threshold manholeTilt/tilt: trigger 20 is not tighter than the default 15 (an emergency may only alarm earlier)",
            "emergency.json: profile flood limits of matter 0901: limit 'quickly' for handle is not like \"30m working\" or \"2h natural\"",
            "emergency.json: profile flood limits of matter 0901: stage 'repair' must be one of verify, acceptDispatch, signFor, handle, inspect",
            "emergency.json: profile flood limits of matter 7777: the matter is not in the catalogue",
            "emergency.json: profile major-event: nameZh and nameEn are required",
            "emergency.json: profile flood: code is used more than once",
            "emergency.json: profile #3: code must be 1–40 letters, digits, '-' or '_'",
        ]);
    }

    [Fact]
    public void A_below_rule_may_only_be_raised()
    {
        var directory = TestCityPackage.CopyWith((file, node) =>
        {
            if (file == "sensors.json")
            {
                node["kinds"]!["waterLevel"]!["rules"]![0] = JsonNode.Parse("""{"type":"threshold","code":"high","matter":"0901","direction":"below","trigger":0.2,"clear":0.3}""");
            }
            else if (file == "emergency.json")
            {
                node["profiles"]![0]!["thresholds"] = JsonNode.Parse("""[{"kind":"waterLevel","rule":"high","trigger":0.1,"clear":0.3}]""");
            }
        });

        Should.Throw<CityPackageException>(() => CityPackageLoader.Load(directory)).Errors.ShouldBe(
            ["emergency.json: profile flood threshold waterLevel/high: trigger 0.1 is not tighter than the default 0.2 (an emergency may only alarm earlier)"]);
    }
}
