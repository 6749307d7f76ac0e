using CityActors.Domain.Sensors;

namespace CityActors.GrainInterfaces.Sensors;

/// <summary>
/// Takes a batch of readings of many sensors in one call from a front-end and fans it out to the sensor grains from
/// inside the cluster. A stateless worker (key 0), so every silo runs as many as it needs.
/// </summary>
[Alias("cityactors.sensor-ingest")]
public interface ISensorIngestGrain : IGrainWithIntegerKey
{
    /// <summary>A verdict per reading, in the batch's order; one bad reading never fails the others.</summary>
    [Alias("ingest")]
    Task<IReadOnlyList<ReadingVerdict>> Ingest(IReadOnlyList<SensorReading> batch);
}
