namespace CityActors.Domain.Cases;

/// <summary>The case's sensor condition ended at <see cref="RecoveredAt"/> (the reading's time); the case goes on until it is closed.</summary>
public sealed record SensorRecovered(EventMeta Meta, string RuleCode, DateTimeOffset RecoveredAt) : CaseEvent(Meta);
