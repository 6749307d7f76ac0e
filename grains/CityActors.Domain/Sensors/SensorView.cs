namespace CityActors.Domain.Sensors;

/// <summary>A sensor as callers see it: its definition, whether it reports, its last reading and its conditions.</summary>
public sealed record SensorView(
    SensorDefinition Definition,
    SensorStatus Status,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? LastReadingAt,
    double? LastValue,
    long ReadingsAccepted,
    IReadOnlyList<ConditionView> Conditions)
{
    public static SensorView From(SensorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new SensorView(
            state.Definition ?? throw new InvalidOperationException("The sensor is not registered."),
            state.Status,
            state.RegisteredAt,
            state.LastReadingAt,
            state.LastValue,
            state.ReadingsAccepted,
            [.. state.Conditions.Values.OrderBy(c => c.RuleCode, StringComparer.Ordinal).Select(c => new ConditionView(c.RuleCode, c.Phase, c.Since, c.Occurrences, c.CaseId))]);
    }
}

/// <summary>One rule's condition: its phase, since when, how often it started, and its (last) case.</summary>
public sealed record ConditionView(string RuleCode, ConditionPhase Phase, DateTimeOffset? Since, int Occurrences, string? CaseId);
