using Orleans.Concurrency;

namespace CityActors.Deadlines;

/// <summary>
/// Implemented by grains that set deadlines through <see cref="IDeadlines"/>: the deadline shard calls it when a
/// deadline comes due. Delivery is at least once (a retry after a lost answer, or a second delivery after failover,
/// can repeat a deadline), so handlers check that the deadline still means something before acting on it.
/// </summary>
public interface IDeadlineTarget : IGrain
{
    Task OnDeadline(DeadlineFired deadline);

    /// <summary>
    /// Called shortly before a deadline of this grain comes due (<see cref="DeadlineOptions.WarmAhead"/>) when its shard
    /// has not called the grain lately, so the grain is activated with its state read by the time the deadline arrives.
    /// The call itself needs nothing done: implementations return at once. Best effort; a failed call is not retried.
    /// </summary>
    [AlwaysInterleave]
    Task OnDeadlineApproaching();
}
