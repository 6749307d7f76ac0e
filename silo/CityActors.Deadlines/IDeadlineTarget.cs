namespace CityActors.Deadlines;

/// <summary>
/// Implemented by grains that set deadlines through <see cref="IDeadlines"/>: the deadline shard calls it when a
/// deadline comes due. Delivery is at least once (a retry after a lost answer, or a second delivery after failover,
/// can repeat a deadline), so handlers check that the deadline still means something before acting on it.
/// </summary>
public interface IDeadlineTarget : IGrain
{
    Task OnDeadline(DeadlineFired deadline);
}
