namespace CityActors.Deadlines;

/// <summary>Exponential backoff between attempts: <c>min</c>, doubling per attempt, capped at <c>max</c>.</summary>
internal sealed class RetryBackoff(TimeSpan min, TimeSpan max)
{
    /// <summary>The wait before attempt number <paramref name="failures"/> + 1, after <paramref name="failures"/> failed ones.</summary>
    public TimeSpan After(int failures)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(failures);

        // Doubling past 2^20 would exceed any sensible cap anyway, and keeps the multiplication in range.
        var factor = 1L << Math.Min(failures - 1, 20);
        var ticks = min.Ticks > max.Ticks / factor ? max.Ticks : min.Ticks * factor;
        return TimeSpan.FromTicks(Math.Min(ticks, max.Ticks));
    }
}
