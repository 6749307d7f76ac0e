namespace CityActors.Journals;

/// <summary>One committed journal record with the journal it belongs to and its place in the feed.</summary>
public sealed record FeedRecord(FeedPosition Position, JournalId Journal, JournalRecord Record);

/// <summary>
/// Every journal of one grain type as a single ordered stream, for projections: read from a checkpoint, process,
/// store the new checkpoint with the results.
/// </summary>
public interface IJournalFeed
{
    /// <summary>Up to <paramref name="max"/> records of journals of <paramref name="grainType"/> after <paramref name="after"/>, in feed order.</summary>
    Task<IReadOnlyList<FeedRecord>> ReadAsync(string grainType, FeedPosition after, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Completes when records may have been appended after <paramref name="after"/>, or after <paramref name="timeout"/>
    /// at the latest (providers without notifications simply wait that long).
    /// </summary>
    Task WaitAsync(string grainType, FeedPosition after, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>
    /// The position of the last record of <paramref name="grainType"/> readers can be handed now (<see cref="FeedPosition.Start"/>
    /// when there is none): where a reader that wants only what comes next starts.
    /// </summary>
    Task<FeedPosition> HeadAsync(string grainType, CancellationToken cancellationToken);
}
