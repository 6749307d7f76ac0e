namespace CityActors.LoadTests.Replay.Lifecycle;

/// <summary>A count the plan implies: certainly at least <see cref="Certain"/>, at most that plus <see cref="Borderline"/> (points within the tolerance of a stop).</summary>
public sealed class ExpectedCount
{
    public long Certain { get; set; }

    public long Borderline { get; set; }

    public bool Admits(long observed) => observed >= Certain && observed <= Certain + Borderline;

    public override string ToString() => Borderline == 0 ? $"{Certain:N0}" : $"{Certain:N0}–{Certain + Borderline:N0}";
}

/// <summary>Per stage, what the schedule of the completed cases implies: clock runs, warnings, overdue clocks and escalations.</summary>
public sealed class StageExpectation
{
    public long Runs { get; set; }

    public ExpectedCount Warned { get; } = new();

    public ExpectedCount Overdue { get; } = new();

    public ExpectedCount EscalatedToCity { get; } = new();
}

/// <summary>
/// Counts SLA points from the plans alone: a clock planned to stop after a point reaches it. A stop within the tolerance
/// of a point could go either way (the commands are sent at their planned instants, but reach the grain a little
/// later), so such points widen the expected range instead of being guessed.
/// </summary>
public static class SlaExpectation
{
    public static IReadOnlyDictionary<string, StageExpectation> Of(IEnumerable<CaseLedger> completed, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(completed);
        var stages = new SortedDictionary<string, StageExpectation>(StringComparer.Ordinal);
        foreach (var clock in completed.SelectMany(l => l.Plan.Clocks))
        {
            var stage = stages.TryGetValue(clock.Stage, out var s) ? s : stages[clock.Stage] = new StageExpectation();
            stage.Runs++;
            Count(stage.Warned, clock.Delay, clock.WarnAfter, tolerance);
            Count(stage.Overdue, clock.Delay, clock.Limit, tolerance);
            Count(stage.EscalatedToCity, clock.Delay, clock.CityEscalationAfter, tolerance);
        }

        return stages;
    }

    private static void Count(ExpectedCount count, TimeSpan delay, TimeSpan point, TimeSpan tolerance)
    {
        if (delay > point + tolerance)
        {
            count.Certain++;
        }
        else if (delay >= point - tolerance)
        {
            count.Borderline++;
        }
    }
}
