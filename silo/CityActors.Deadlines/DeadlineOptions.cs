namespace CityActors.Deadlines;

/// <summary>Settings of the deadline service, the same on every silo of a cluster.</summary>
public sealed class DeadlineOptions
{
    public const string SectionName = "CityActors:Deadlines";

    /// <summary>
    /// Number of deadline shards (shard grains). Stored with every row, so it must never change for a given table:
    /// a different count would put grains' deadlines in shards that no longer read them.
    /// </summary>
    public int ShardCount { get; set; } = 64;

    /// <summary>A shard keeps in memory the deadlines due within this window ahead of now, re-read every <see cref="RefreshInterval"/>.</summary>
    public TimeSpan LookAhead { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a shard re-reads its window from the table; shorter than <see cref="LookAhead"/>, so a deadline is in memory before it is due.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How far silo clocks may disagree. A change is pushed to its shard when it touches the next
    /// <see cref="LookAhead"/> plus this much, so a shard whose clock runs ahead still hears of it.
    /// </summary>
    public TimeSpan ClockSkewAllowance { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Deliveries one shard keeps in flight at once; a burst of due deadlines (after an outage) is fired this many at a
    /// time. With the default 64 shards, 64 each measured best for a burst that activates many idle grains (more only
    /// queue activations behind each other; 16 each could not keep up with 25,000 firings/s; docs/benchmarks.md).
    /// </summary>
    public int MaxDeliveriesInFlight { get; set; } = 64;

    /// <summary>
    /// How long before a deadline comes due its shard wakes the grain (calls <see cref="IDeadlineTarget.OnDeadlineApproaching"/>)
    /// unless the shard called that grain within this span already, so the grain's activation and state read happen
    /// before the due instant instead of at it. Zero turns waking off. Measured with 100,000 idle grains: docs/benchmarks.md.
    /// </summary>
    public TimeSpan WarmAhead { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Wake-up calls one shard keeps in flight at once, besides its deliveries.</summary>
    public int MaxWarmingsInFlight { get; set; } = 16;

    /// <summary>Table batches written at the same time by one silo (each on its own connection).</summary>
    public int ConcurrentWriteBatches { get; set; } = 4;

    /// <summary>Most sets and cancels written in one table batch.</summary>
    public int MaxWriteBatch { get; set; } = 1024;

    /// <summary>First retry delay of a failed delivery; it doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan MinRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between delivery attempts of one deadline: a deadline is retried until delivered, never dropped.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often every silo pings every shard, so a shard lost with its silo is reactivated on a survivor within about this long.</summary>
    public TimeSpan KeepAlivePeriod { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Attempts to tell a shard of a change before leaving it to the shard's next window refresh.</summary>
    public int MaxNotifyAttempts { get; set; } = 5;
}
