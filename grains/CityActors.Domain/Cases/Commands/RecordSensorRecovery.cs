namespace CityActors.Domain.Cases;

/// <summary>The sensor platform records that the condition a sensor case is about has ended.</summary>
public sealed record RecordSensorRecovery(Actor By, string RuleCode, DateTimeOffset RecoveredAt, string Description) : CaseCommand(By);
