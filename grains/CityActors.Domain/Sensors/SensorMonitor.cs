using System.Globalization;

namespace CityActors.Domain.Sensors;

/// <summary>
/// A sensor's rules, as a pure function: readings (or a silence) and the sensor's state give the next state, a verdict
/// per reading and the condition changes to tell the case lifecycle. The given state is never touched. Readings of one
/// call are taken in timestamp order; a reading is refused when its value is not finite, when it is more than
/// <see cref="MaxClockSkew"/> ahead of the cluster's clock, or when it is not newer than the last accepted one.
/// </summary>
public sealed class SensorMonitor(TimeSpan maxClockSkew)
{
    public static readonly SensorMonitor Default = new(TimeSpan.FromMinutes(5));

    public TimeSpan MaxClockSkew { get; } = maxClockSkew;

    /// <param name="state">The sensor's state (registered).</param>
    /// <param name="readings">Readings of this sensor, in any order.</param>
    /// <param name="now">The cluster's time.</param>
    /// <param name="overrides">Threshold levels of the emergency profile in force at the sensor, if any.</param>
    public SensorEvaluation Evaluate(SensorState state, IReadOnlyList<SensorReading> readings, DateTimeOffset now, IReadOnlyList<ThresholdOverride>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(readings);
        var definition = state.Definition ?? throw new InvalidOperationException("The sensor is not registered.");
        var after = state.Copy();
        var verdicts = new ReadingVerdict[readings.Count];
        var changes = new List<ConditionChange>();
        var rules = definition.Rules.Select(r => Effective(r, definition.Kind, overrides)).ToList();
        foreach (var index in Enumerable.Range(0, readings.Count).OrderBy(i => readings[i].At).ThenBy(i => i))
        {
            var reading = readings[index];
            verdicts[index] = Check(after, reading, now);
            if (verdicts[index] == ReadingVerdict.Accepted)
            {
                Apply(after, definition, rules, reading, changes);
            }
        }

        return new SensorEvaluation(after, verdicts, Merge(changes));
    }

    /// <summary>The sensor has been silent until <paramref name="now"/>: offline if its time is up.</summary>
    public SensorEvaluation CheckSilence(SensorState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var definition = state.Definition ?? throw new InvalidOperationException("The sensor is not registered.");
        var after = state.Copy();
        var changes = new List<ConditionChange>();
        if (after.Status != SensorStatus.Offline && now >= after.OfflineDue)
        {
            after.Status = SensorStatus.Offline;
            if (definition.Rules.OfType<OfflineRule>().FirstOrDefault() is { } rule)
            {
                var condition = after.Condition(rule.Code);
                Start(condition, after.OfflineDue);
                var last = after.LastReadingAt is { } at ? $"its last reading was at {Text(at)}" : $"it has not reported since its registration at {Text(after.RegisteredAt)}";
                changes.Add(new(rule.Code, rule.MatterCode, ConditionChangeKind.Started, after.OfflineDue, [],
                    $"Sensor {definition.Id} ({definition.Kind.Indicator()}) is offline: {last}, more than {rule.MissedIntervals} expected intervals of {definition.ReportingInterval} ago (rule {rule.Code})."));
            }
        }

        return new SensorEvaluation(after, [], changes);
    }

    /// <summary>A rule with the emergency profile's levels applied.</summary>
    public static SensorRule Effective(SensorRule rule, SensorKind kind, IReadOnlyList<ThresholdOverride>? overrides)
    {
        if (rule is ThresholdRule threshold && overrides?.FirstOrDefault(o => o.Kind == kind && o.RuleCode == rule.Code) is { } o)
        {
            return threshold with { Trigger = o.Trigger, Clear = o.Clear };
        }

        return rule;
    }

    private ReadingVerdict Check(SensorState state, SensorReading reading, DateTimeOffset now)
    {
        if (!double.IsFinite(reading.Value))
        {
            return ReadingVerdict.NotFinite;
        }

        if (reading.At > now + MaxClockSkew)
        {
            return ReadingVerdict.InFuture;
        }

        if (state.LastReadingAt is { } last)
        {
            if (reading.At == last)
            {
                return ReadingVerdict.Duplicate;
            }

            if (reading.At < last)
            {
                return ReadingVerdict.Older;
            }
        }

        return ReadingVerdict.Accepted;
    }

    private static void Apply(SensorState state, SensorDefinition definition, List<SensorRule> rules, SensorReading reading, List<ConditionChange> changes)
    {
        foreach (var rule in rules)
        {
            switch (rule)
            {
                case ThresholdRule threshold:
                    ApplyThreshold(state, definition, threshold, reading, changes);
                    break;
                case RateOfChangeRule rate:
                    ApplyRate(state, definition, rate, reading, changes);
                    break;
                case OfflineRule offline when state.Status == SensorStatus.Offline:
                    End(state.Condition(offline.Code), offline, reading, changes,
                        $"Sensor {definition.Id} is reporting again: {Value(definition, reading.Value)} at {Text(reading.At)} (rule {offline.Code}).");
                    break;
            }
        }

        state.Status = SensorStatus.Online;
        state.LastReadingAt = reading.At;
        state.LastValue = reading.Value;
        state.ReadingsAccepted++;
    }

    private static void ApplyThreshold(SensorState state, SensorDefinition definition, ThresholdRule rule, SensorReading reading, List<ConditionChange> changes)
    {
        var condition = state.Condition(rule.Code);
        var beyond = rule.IsBeyondTrigger(reading.Value);
        var side = rule.Direction == ThresholdDirection.Above ? "at or above" : "at or below";
        switch (condition.Phase)
        {
            case ConditionPhase.Clear when beyond && rule.MinDuration <= TimeSpan.Zero:
                Start(condition, reading.At);
                changes.Add(new(rule.Code, rule.MatterCode, ConditionChangeKind.Started, reading.At, [reading],
                    $"Sensor {definition.Id} ({definition.Kind.Indicator()}): {Value(definition, reading.Value)} at {Text(reading.At)}, {side} {Value(definition, rule.Trigger)} (rule {rule.Code})."));
                break;
            case ConditionPhase.Clear when beyond:
                condition.Phase = ConditionPhase.Pending;
                condition.Since = reading.At;
                break;
            case ConditionPhase.Pending when !beyond:
                condition.Phase = ConditionPhase.Clear;
                condition.Since = null;
                break;
            case ConditionPhase.Pending when reading.At - condition.Since!.Value >= rule.MinDuration:
                var since = condition.Since!.Value;
                Start(condition, since);
                changes.Add(new(rule.Code, rule.MatterCode, ConditionChangeKind.Started, reading.At, [reading],
                    $"Sensor {definition.Id} ({definition.Kind.Indicator()}): {Value(definition, reading.Value)} at {Text(reading.At)}, {side} {Value(definition, rule.Trigger)} since {Text(since)} (rule {rule.Code}, at least {rule.MinDuration})."));
                break;
            case ConditionPhase.Active when rule.IsCleared(reading.Value):
                End(condition, rule, reading, changes,
                    $"Sensor {definition.Id} recovered: {Value(definition, reading.Value)} at {Text(reading.At)}, back to {Value(definition, rule.Clear)} or better (rule {rule.Code}).");
                break;
            case ConditionPhase.Active:
                changes.Add(new(rule.Code, rule.MatterCode, ConditionChangeKind.Continued, reading.At, [reading], ""));
                break;
        }
    }

    private static void ApplyRate(SensorState state, SensorDefinition definition, RateOfChangeRule rule, SensorReading reading, List<ConditionChange> changes)
    {
        if (state.LastReadingAt is not { } lastAt || state.LastValue is not { } lastValue)
        {
            return;
        }

        var minutes = (reading.At - lastAt).TotalMinutes;
        var rate = Math.Abs(reading.Value - lastValue) / minutes;
        var condition = state.Condition(rule.Code);
        var tooFast = rate > rule.MaxChangePerMinute;
        if (condition.Phase != ConditionPhase.Active && tooFast)
        {
            Start(condition, reading.At);
            changes.Add(new(rule.Code, rule.MatterCode, ConditionChangeKind.Started, reading.At, [reading],
                $"Sensor {definition.Id} ({definition.Kind.Indicator()}): changed from {Value(definition, lastValue)} to {Value(definition, reading.Value)} in {minutes.ToString("0.##", CultureInfo.InvariantCulture)} min by {Text(reading.At)}, faster than {rule.MaxChangePerMinute.ToString(CultureInfo.InvariantCulture)} per minute (rule {rule.Code})."));
        }
        else if (condition.Phase == ConditionPhase.Active && !tooFast)
        {
            End(condition, rule, reading, changes, $"Sensor {definition.Id} is steady again: {Value(definition, reading.Value)} at {Text(reading.At)} (rule {rule.Code}).");
        }
        else if (condition.Phase == ConditionPhase.Active)
        {
            changes.Add(new(rule.Code, rule.MatterCode, ConditionChangeKind.Continued, reading.At, [reading], ""));
        }
    }

    private static void Start(ConditionState condition, DateTimeOffset since)
    {
        condition.Phase = ConditionPhase.Active;
        condition.Since = since;
        condition.Occurrences++;
    }

    private static void End(ConditionState condition, SensorRule rule, SensorReading reading, List<ConditionChange> changes, string description)
    {
        if (condition.Phase != ConditionPhase.Active)
        {
            condition.Phase = ConditionPhase.Clear;
            condition.Since = null;
            return;
        }

        condition.Phase = ConditionPhase.Clear;
        condition.Since = null;
        changes.Add(new(rule.Code, rule.MatterCode, ConditionChangeKind.Ended, reading.At, [reading], description));
    }

    /// <summary>
    /// Consecutive continuations of one rule become one change (one record on its case per call). Only the order within
    /// a rule matters: each rule's condition has its own case.
    /// </summary>
    private static List<ConditionChange> Merge(List<ConditionChange> changes)
    {
        var merged = new List<ConditionChange>(changes.Count);
        foreach (var change in changes)
        {
            var last = merged.FindLastIndex(c => c.RuleCode == change.RuleCode);
            if (change.Kind == ConditionChangeKind.Continued && last >= 0 && merged[last].Kind == ConditionChangeKind.Continued)
            {
                merged[last] = merged[last] with { At = change.At, Readings = [.. merged[last].Readings, .. change.Readings] };
            }
            else
            {
                merged.Add(change);
            }
        }

        return merged;
    }

    private static string Value(SensorDefinition definition, double value) =>
        $"{value.ToString("0.###", CultureInfo.InvariantCulture)} {definition.Kind.UnitOfMeasure()}";

    private static string Text(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
}
