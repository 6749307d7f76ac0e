namespace CityActors.Domain.Sensors;

/// <summary>
/// The outcome of readings (or of a silence) for one sensor: the state they lead to, a verdict per reading in the
/// order given, and the condition changes in the order they happened.
/// </summary>
public sealed record SensorEvaluation(SensorState After, IReadOnlyList<ReadingVerdict> Verdicts, IReadOnlyList<ConditionChange> Changes)
{
    public int Accepted => Verdicts.Count(v => v == ReadingVerdict.Accepted);
}
