namespace CityActors.Domain.Sensors;

/// <summary>The indicator each kind of sensor feeds and its unit of measure, as shown in vital signs.</summary>
public static class SensorKinds
{
    public static IReadOnlyList<SensorKind> All { get; } = Enum.GetValues<SensorKind>();

    /// <summary>The stable indicator name (snake case) used in the API and in vital signs.</summary>
    public static string Indicator(this SensorKind kind) => kind switch
    {
        SensorKind.WaterLevel => "water_level",
        SensorKind.ManholeTilt => "manhole_tilt",
        SensorKind.Smoke => "smoke",
        SensorKind.Noise => "noise",
        SensorKind.Pm25 => "pm25",
        SensorKind.StreetLightCurrent => "street_light_current",
        SensorKind.BridgeStrain => "bridge_strain",
        SensorKind.GasConcentration => "gas_concentration",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown sensor kind."),
    };

    public static string UnitOfMeasure(this SensorKind kind) => kind switch
    {
        SensorKind.WaterLevel => "m",
        SensorKind.ManholeTilt => "°",
        SensorKind.Smoke => "%/m",
        SensorKind.Noise => "dB(A)",
        SensorKind.Pm25 => "µg/m³",
        SensorKind.StreetLightCurrent => "A",
        SensorKind.BridgeStrain => "µε",
        SensorKind.GasConcentration => "%LEL",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown sensor kind."),
    };

    /// <summary>The kind named by its indicator name or its C# name (case-insensitive); null when none matches.</summary>
    public static SensorKind? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        foreach (var kind in All)
        {
            if (string.Equals(kind.Indicator(), text, StringComparison.OrdinalIgnoreCase)
                || string.Equals(kind.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        return null;
    }
}
