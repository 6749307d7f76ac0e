namespace CityActors.Domain.Sensors;

/// <summary>What a sensor grain keeps: its definition, its last accepted reading, its status and its conditions.</summary>
public sealed class SensorState
{
    public SensorDefinition? Definition { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    public SensorStatus Status { get; set; }

    public DateTimeOffset? LastReadingAt { get; set; }

    public double? LastValue { get; set; }

    public long ReadingsAccepted { get; set; }

    /// <summary>By rule code.</summary>
    public Dictionary<string, ConditionState> Conditions { get; set; } = new(StringComparer.Ordinal);

    public int ActiveAlarms => Conditions.Values.Count(c => c.Phase == ConditionPhase.Active);

    /// <summary>When the sensor turns offline if no reading comes first.</summary>
    public DateTimeOffset OfflineDue => (LastReadingAt ?? RegisteredAt) + Definition!.OfflineAfter;

    public SensorState Copy()
    {
        var copy = (SensorState)MemberwiseClone();
        copy.Conditions = Conditions.ToDictionary(c => c.Key, c => c.Value.Copy(), StringComparer.Ordinal);
        return copy;
    }

    public ConditionState Condition(string ruleCode)
    {
        if (!Conditions.TryGetValue(ruleCode, out var condition))
        {
            condition = new ConditionState { RuleCode = ruleCode };
            Conditions[ruleCode] = condition;
        }

        return condition;
    }
}
