using CityActors.Domain.Cases;
using CityActors.Domain.Sensors;

namespace CityActors.GrainInterfaces.Sensors;

/// <summary>
/// One sensor (物联感知设备), keyed by its device id: its rules watch its readings, and the conditions they find become
/// sensor cases. Silence for its offline rule's intervals is noticed by a durable deadline, so it survives restarts.
/// </summary>
[Alias("cityactors.sensor")]
public interface ISensorGrain : IGrainWithStringKey
{
    /// <summary>Registers the sensor, or changes its registration (conditions of rules it no longer has are dropped).</summary>
    /// <exception cref="CaseCommandException">Invalid (every problem named), or Forbidden for <paramref name="by"/>.</exception>
    [Alias("register")]
    Task<SensorView> Register(Actor by, SensorRegistration registration);

    /// <summary>Readings of this sensor; a verdict per reading, in order. An unregistered sensor answers <see cref="ReadingVerdict.UnknownSensor"/> for each.</summary>
    [Alias("ingest")]
    Task<IReadOnlyList<ReadingVerdict>> Ingest(IReadOnlyList<SensorReading> readings);

    /// <exception cref="CaseCommandException">The sensor is not registered (kind NotFound).</exception>
    [Alias("get"), ReadOnly]
    Task<SensorView> Get();
}
