namespace CityActors.Domain.Sensors;

/// <summary>What a sensor measures. Stored as numbers in sensor state: add new kinds at the end.</summary>
public enum SensorKind
{
    /// <summary>Water level above a datum (积水 / 水位), metres.</summary>
    WaterLevel,

    /// <summary>Manhole cover tilt (井盖倾斜), degrees from level.</summary>
    ManholeTilt,

    /// <summary>Smoke obscuration (烟感), percent per metre.</summary>
    Smoke,

    /// <summary>Sound level (噪声), dB(A).</summary>
    Noise,

    /// <summary>Fine particulate matter PM2.5, µg/m³.</summary>
    Pm25,

    /// <summary>Street-light supply current (路灯电流), amperes.</summary>
    StreetLightCurrent,

    /// <summary>Bridge strain (桥梁应变), microstrain.</summary>
    BridgeStrain,

    /// <summary>Combustible gas concentration (燃气浓度), percent of the lower explosive limit.</summary>
    GasConcentration,
}
