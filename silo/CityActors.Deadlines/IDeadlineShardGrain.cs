using Orleans.Concurrency;

namespace CityActors.Deadlines;

/// <summary>
/// One deadline shard (integer key = shard number): fires the shard's deadlines from memory and deletes them once
/// delivered. Infrastructure of <see cref="IDeadlines"/>; grains never call it.
/// </summary>
public interface IDeadlineShardGrain : IGrainWithIntegerKey
{
    /// <summary>Keeps the shard active (every silo calls it every few seconds); activating it loads and fires what is due.</summary>
    [AlwaysInterleave]
    Task Ping();

    /// <summary>The deadlines of <paramref name="keys"/> changed in the table: re-read them and schedule what they are now.</summary>
    Task OnChanged(IReadOnlyList<DeadlineKey> keys);

    /// <summary>The shard's state. Queued after whatever the shard was already asked or was about to fire.</summary>
    Task<DeadlineShardStatus> GetStatus();

    /// <summary>
    /// The shard's state once no delivery is in flight and no delivered deadline awaits its delete (deadlines waiting
    /// for a retry do not count). Interleaves with the shard's turns, which it waits for; for drains and tests.
    /// </summary>
    [AlwaysInterleave]
    Task<DeadlineShardStatus> GetStatusWhenIdle();
}
