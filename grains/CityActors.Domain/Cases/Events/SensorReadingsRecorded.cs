using CityActors.Domain.Sensors;

namespace CityActors.Domain.Cases;

/// <summary>Readings of the case's sensor condition, recorded on its journal.</summary>
public sealed record SensorReadingsRecorded(EventMeta Meta, string RuleCode, IReadOnlyList<SensorReading> Readings) : CaseEvent(Meta);
