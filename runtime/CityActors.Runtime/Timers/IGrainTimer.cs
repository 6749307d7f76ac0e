namespace CityActors;

/// <summary>A grain timer; dispose it to stop ticking. All timers stop when the activation ends.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Reschedules the next tick and the period (Timeout.InfiniteTimeSpan: tick once).</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}

/// <summary>How a grain timer ticks.</summary>
/// <param name="DueTime">Delay before the first tick.</param>
/// <param name="Period">Delay between the end of one callback and the next tick; Timeout.InfiniteTimeSpan for one tick.</param>
public readonly record struct GrainTimerCreationOptions(TimeSpan DueTime, TimeSpan Period)
{
    /// <summary>Ticks may interleave with calls instead of waiting their turn.</summary>
    public bool Interleave { get; init; }

    /// <summary>Ticks count as activity and keep the activation from idle collection.</summary>
    public bool KeepAlive { get; init; }
}
