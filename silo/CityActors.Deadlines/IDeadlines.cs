namespace CityActors.Deadlines;

/// <summary>
/// Durable one-shot deadlines, the silo-side service grains inject. A grain has at most one pending deadline per
/// name; setting it again moves it. Each change is durable when its task completes (group-committed with other
/// grains' changes), and a set deadline is delivered to <see cref="IDeadlineTarget.OnDeadline"/> at its instant, or
/// as soon as a silo can after an outage, with the lateness reported. Never skipped.
/// </summary>
public interface IDeadlines
{
    /// <summary>Sets or moves the deadline <paramref name="name"/> of <paramref name="grain"/> (which must implement <see cref="IDeadlineTarget"/>).</summary>
    Task SetAsync(GrainId grain, string name, DateTimeOffset due, CancellationToken cancellationToken = default);

    /// <summary>Removes the deadline if it is pending; does nothing otherwise.</summary>
    Task CancelAsync(GrainId grain, string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Describes setting (<paramref name="due"/>) or cancelling (null) a deadline without writing it: validated, cut
    /// to the stored precision and assigned its shard, for <see cref="IJournalWithDeadlines"/>.
    /// </summary>
    DeadlineChange Change(GrainId grain, string name, DateTimeOffset? due);

    /// <summary>The pending deadlines of <paramref name="grain"/> by name (for reconciling after a restart).</summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> GetAsync(GrainId grain, CancellationToken cancellationToken = default);
}
