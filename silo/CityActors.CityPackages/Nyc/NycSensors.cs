using CityActors.Domain.Package;
using CityActors.Domain.Sensors;

namespace CityActors.CityPackages.Nyc;

/// <summary>
/// The NYC package's sensor defaults per kind and its two emergency profiles. Levels follow public practice where
/// there is one (PM2.5: the 24-hour AQI "unhealthy" breakpoint of 55.5 µg/m³; gas: the usual 10 % LEL low alarm; noise:
/// the 85 dB(A) the NYC noise code allows for construction at 50 ft) and are sample values elsewhere. Every threshold
/// clears well inside its trigger (hysteresis) and most must hold for a while first (debounce). Owners are the NYC
/// agencies closest to the asset: DEP for water, sewers, noise and smoke, DOHMH for the air survey, DOT for lights
/// and bridges, DOB for gas in buildings.
/// </summary>
internal static class NycSensors
{
    public static Dictionary<string, SensorKindDocument> Kinds(CatalogueDocument catalogue)
    {
        string Code(string type) => NycCatalogue.CodeOf(catalogue, type);
        return new Dictionary<string, SensorKindDocument>(StringComparer.Ordinal)
        {
            // Street flood depth (FloodNet-style ultrasonic sensors): 15 cm over the kerb is a flooded street.
            [Name(SensorKind.WaterLevel)] = Kind("5m", "DEP",
                Threshold("flood", Code("Street Flooding"), "above", 0.15, 0.05, "2m"),
                RateOfChange("surge", Code("Sewer"), 0.05), // 5 cm a minute: sewers backing up faster than rain alone
                Offline(Code("Sensor Offline (DEP)"), 3)),
            [Name(SensorKind.ManholeTilt)] = Kind("15m", "DEP",
                Threshold("tilt", Code("Manhole Cover Displaced"), "above", 10, 3, "0s"), // a lifted cover is a hazard at once
                Offline(Code("Sensor Offline (DEP)"), 4)),
            [Name(SensorKind.Smoke)] = Kind("1m", "DEP",
                Threshold("smoke", Code("Smoke Detected"), "above", 3.0, 1.0, "30s"),
                Offline(Code("Sensor Offline (DEP)"), 5)),
            [Name(SensorKind.Noise)] = Kind("1m", "DEP",
                Threshold("loud", Code("Noise"), "above", 85, 75, "10m"),
                Offline(Code("Sensor Offline (DEP)"), 10)),
            [Name(SensorKind.Pm25)] = Kind("15m", "DOHMH",
                Threshold("high", Code("Air Quality"), "above", 55.5, 35.5, "1h"),
                Offline(Code("Sensor Offline (DOHMH)"), 4)),
            // Lamps draw nothing by day, so only a fault current (shorted ballast, failing driver) is a rule.
            [Name(SensorKind.StreetLightCurrent)] = Kind("15m", "DOT",
                Threshold("fault", Code("Street Light Condition"), "above", 1.5, 1.0, "5m"),
                Offline(Code("Sensor Offline (DOT)"), 4)),
            [Name(SensorKind.BridgeStrain)] = Kind("1m", "DOT",
                Threshold("strain", Code("Bridge Strain Alert"), "above", 400, 300, "2m"),
                Offline(Code("Sensor Offline (DOT)"), 10)),
            [Name(SensorKind.GasConcentration)] = Kind("1m", "DOB",
                Threshold("leak", Code("Gas Concentration Alarm"), "above", 10, 5, "1m"),
                RateOfChange("surge", Code("Gas Concentration Alarm"), 5), // a rupture rises faster than a seep
                Offline(Code("Sensor Offline (DOB)"), 5)),
        };
    }

    /// <summary>
    /// Coastal storm / flash flood: flood depth and cover tilt alarm earlier, and flooding, sewer, cover, tree and DEP
    /// sensor cases run on short natural-time limits. Major event: noise, PM2.5 and smoke alarm earlier, and noise,
    /// street, lighting, cleanliness, parking and smoke cases run on short limits.
    /// </summary>
    public static EmergencyDocument EmergencyProfiles(CatalogueDocument catalogue)
    {
        string Code(string type) => NycCatalogue.CodeOf(catalogue, type);
        return new EmergencyDocument
        {
            Profiles =
            [
                new EmergencyProfileDocument
                {
                    Code = "flood",
                    NameZh = "防汛防台",
                    NameEn = "Coastal storm and flash flood",
                    Thresholds =
                    [
                        Override(SensorKind.WaterLevel, "flood", 0.08, 0.03),
                        Override(SensorKind.ManholeTilt, "tilt", 6, 2),
                    ],
                    Limits = new(StringComparer.Ordinal)
                    {
                        [Code("Street Flooding")] = new() { ["acceptDispatch"] = "5m natural", ["signFor"] = "10m natural", ["handle"] = "2h natural" },
                        [Code("Sewer")] = new() { ["acceptDispatch"] = "10m natural", ["handle"] = "4h natural" },
                        [Code("Manhole Cover Displaced")] = new() { ["acceptDispatch"] = "5m natural", ["handle"] = "2h natural" },
                        [Code("Damaged Tree")] = new() { ["acceptDispatch"] = "15m natural", ["handle"] = "8h natural" },
                        [Code("Sensor Offline (DEP)")] = new() { ["acceptDispatch"] = "15m natural", ["handle"] = "4h natural" },
                    },
                },
                new EmergencyProfileDocument
                {
                    Code = "major-event",
                    NameZh = "重大活动保障",
                    NameEn = "Major event",
                    Thresholds =
                    [
                        Override(SensorKind.Noise, "loud", 80, 70),
                        Override(SensorKind.Pm25, "high", 35.5, 25),
                        Override(SensorKind.Smoke, "smoke", 2.0, 0.8),
                    ],
                    Limits = new(StringComparer.Ordinal)
                    {
                        [Code("Noise")] = new() { ["acceptDispatch"] = "10m natural", ["handle"] = "1h natural" },
                        [Code("Noise - Street/Sidewalk")] = new() { ["acceptDispatch"] = "10m natural", ["handle"] = "1h natural" },
                        [Code("Noise - Commercial")] = new() { ["acceptDispatch"] = "10m natural", ["handle"] = "1h natural" },
                        [Code("Street Condition")] = new() { ["acceptDispatch"] = "15m natural", ["handle"] = "4h natural" },
                        [Code("Street Light Condition")] = new() { ["acceptDispatch"] = "15m natural", ["handle"] = "4h natural" },
                        [Code("Dirty Conditions")] = new() { ["acceptDispatch"] = "15m natural", ["handle"] = "2h natural" },
                        [Code("Illegal Parking")] = new() { ["acceptDispatch"] = "10m natural", ["handle"] = "1h natural" },
                        [Code("Smoke Detected")] = new() { ["acceptDispatch"] = "5m natural", ["handle"] = "30m natural" },
                    },
                },
            ],
        };
    }

    public static string Name(SensorKind kind) => SensorCatalogueReader.KindName(kind);

    private static SensorKindDocument Kind(string interval, string agency, params SensorRuleDocument[] rules) =>
        new() { Interval = interval, Agency = agency, Rules = [.. rules] };

    private static SensorRuleDocument Threshold(string code, string matter, string direction, double trigger, double clear, string minDuration) =>
        new() { Type = "threshold", Code = code, Matter = matter, Direction = direction, Trigger = trigger, Clear = clear, MinDuration = minDuration };

    private static SensorRuleDocument RateOfChange(string code, string matter, double maxChangePerMinute) =>
        new() { Type = "rateOfChange", Code = code, Matter = matter, MaxChangePerMinute = maxChangePerMinute };

    private static SensorRuleDocument Offline(string matter, int missedIntervals) =>
        new() { Type = "offline", Code = "offline", Matter = matter, MissedIntervals = missedIntervals };

    private static ThresholdOverrideDocument Override(SensorKind kind, string rule, double trigger, double clear) =>
        new() { Kind = Name(kind), Rule = rule, Trigger = trigger, Clear = clear };
}
