namespace CityActors.Deadlines;

/// <summary>What a shard knows of one deadline in its window, and where it is in being delivered.</summary>
internal sealed class ScheduledDeadline(DeadlineKey key, DateTimeOffset due)
{
    public DeadlineKey Key { get; } = key;

    /// <summary>The instant it was set for; reported to the grain, and the condition of the row's deletion.</summary>
    public DateTimeOffset Due { get; } = due;

    /// <summary>When to try delivering it next: <see cref="Due"/> at first, later after a failure.</summary>
    public DateTimeOffset NextAttempt { get; set; } = due;

    public int FailedAttempts { get; set; }

    public DeliveryState State { get; set; } = DeliveryState.Waiting;

    public DeadlineEntry ToEntry() => new(Key, Due);
}

/// <summary>The life of a <see cref="ScheduledDeadline"/> in its shard.</summary>
internal enum DeliveryState
{
    /// <summary>Queued for <see cref="ScheduledDeadline.NextAttempt"/>.</summary>
    Waiting,

    /// <summary>Handed to its grain; the answer is awaited.</summary>
    InFlight,

    /// <summary>The grain accepted it; its row awaits the batched conditional delete.</summary>
    Delivered,
}
