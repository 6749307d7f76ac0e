namespace CityActors.Grains.Sensors;

/// <summary>Settings of sensors and vital signs ("CityActors:Sensors").</summary>
public sealed class SensorOptions
{
    public const string SectionName = "CityActors:Sensors";

    /// <summary>How far ahead of the cluster's clock a reading's timestamp may be.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often a sensor stores its last reading when nothing else changed. Condition changes, status changes and
    /// registrations are stored before they are answered; between them a restart forgets at most this much of the
    /// latest value (the next reading brings it back).
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often each silo sends its readings' minute rollups to the org units' vital signs.</summary>
    public TimeSpan VitalsFlushInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a silo uses its copy of the emergency modes before reading them again.</summary>
    public TimeSpan EmergencyRefresh { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Registers the city package's sensor fleet when the silo starts (idempotent).</summary>
    public bool RegisterFleet { get; set; } = true;

    /// <summary>
    /// Feeds the city package's fleet with generated readings at their reporting intervals (a demo city that lives
    /// without devices); off unless configured.
    /// </summary>
    public bool SimulateFleet { get; set; }

    /// <summary>Share of simulated readings that are excursions beyond the sensor's first threshold (alarms).</summary>
    public double SimulatedAlarmProbability { get; set; } = 0.001;

    /// <summary>Sensor grain calls one ingest grain makes at once for a batch.</summary>
    public int IngestParallelism { get; set; } = 256;
}
