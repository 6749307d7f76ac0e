namespace CityActors.Domain.Sensors;

/// <summary>Whether a sensor is reporting. Stored as numbers: add new values at the end.</summary>
public enum SensorStatus
{
    /// <summary>Registered, no reading yet (and not yet overdue for one).</summary>
    Pending,

    /// <summary>Reporting within its expected interval.</summary>
    Online,

    /// <summary>Silent for longer than its offline rule allows.</summary>
    Offline,
}
