namespace CityActors.Domain.Package;

// The JSON shapes of sensors.json and emergency.json, read as-is and validated afterwards (see docs/city-package.md).
#pragma warning disable CA1812 // instantiated by System.Text.Json

internal sealed class SensorsDocument
{
    /// <summary>Kind name (camelCase of <see cref="Sensors.SensorKind"/>) → the city's defaults for that kind.</summary>
    public Dictionary<string, SensorKindDocument>? Kinds { get; set; }

    public List<SensorPlacementDocument>? Fleet { get; set; }
}

internal sealed class SensorKindDocument
{
    /// <summary>Expected interval between readings ("5m").</summary>
    public string? Interval { get; set; }

    public string? Agency { get; set; }

    public List<SensorRuleDocument>? Rules { get; set; }
}

/// <summary>One rule; which fields apply depends on <see cref="Type"/> ("threshold", "rateOfChange", "offline").</summary>
internal sealed class SensorRuleDocument
{
    public string? Type { get; set; }

    public string? Code { get; set; }

    public string? Matter { get; set; }

    /// <summary>Threshold: "above" or "below".</summary>
    public string? Direction { get; set; }

    public double? Trigger { get; set; }

    public double? Clear { get; set; }

    /// <summary>Threshold: how long the level must stay beyond the trigger ("2m", "0s").</summary>
    public string? MinDuration { get; set; }

    public double? MaxChangePerMinute { get; set; }

    public int? MissedIntervals { get; set; }
}

internal sealed class SensorPlacementDocument
{
    public string? Id { get; set; }

    public string? Kind { get; set; }

    public double? Lon { get; set; }

    public double? Lat { get; set; }

    public string? Name { get; set; }
}

internal sealed class EmergencyDocument
{
    public List<EmergencyProfileDocument>? Profiles { get; set; }
}

internal sealed class EmergencyProfileDocument
{
    public string? Code { get; set; }

    public string? NameZh { get; set; }

    public string? NameEn { get; set; }

    public List<ThresholdOverrideDocument>? Thresholds { get; set; }

    /// <summary>Matter code → stage → limit text ("5m natural"); the limits hold at both urgencies.</summary>
    public Dictionary<string, Dictionary<string, string>>? Limits { get; set; }
}

internal sealed class ThresholdOverrideDocument
{
    public string? Kind { get; set; }

    /// <summary>The code of a threshold rule of the kind's defaults in sensors.json.</summary>
    public string? Rule { get; set; }

    public double? Trigger { get; set; }

    public double? Clear { get; set; }
}
#pragma warning restore CA1812
