using CityActors.Domain.Sensors;

namespace CityActors.Domain.Cases;

/// <summary>The sensor platform adds readings of the condition a sensor case is about (the condition lasts, or came back while the case is open).</summary>
public sealed record RecordSensorReadings(Actor By, string RuleCode, IReadOnlyList<SensorReading> Readings, string? Note = null) : CaseCommand(By);
