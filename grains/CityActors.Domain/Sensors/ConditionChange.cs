namespace CityActors.Domain.Sensors;

/// <summary>
/// A step of a rule's condition that the case lifecycle must hear about: the condition started (open a case, or add to
/// the last one if it is still open, or reopen it), continued (record the readings on its case) or ended (record the
/// recovery on its case).
/// </summary>
public sealed record ConditionChange(
    string RuleCode,
    string MatterCode,
    ConditionChangeKind Kind,
    DateTimeOffset At,
    IReadOnlyList<SensorReading> Readings,
    string Description);

public enum ConditionChangeKind
{
    Started,
    Continued,
    Ended,
}
