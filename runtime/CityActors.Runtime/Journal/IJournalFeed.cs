namespace CityActors;

/// <summary>
/// A place in the journal feed. Records are delivered in (<see cref="Transaction"/>, <see cref="Sequence"/>) order; a
/// reader that remembers the last position it processed resumes there and misses nothing: the feed only hands out a
/// record once every record that could sort before it has committed. In memory the transaction is always 0.
/// </summary>
public readonly record struct FeedPosition(long Transaction, long Sequence) : IComparable<FeedPosition>
{
    public static readonly FeedPosition Start = new(0, 0);

    public int CompareTo(FeedPosition other) =>
        Transaction != other.Transaction ? Transaction.CompareTo(other.Transaction) : Sequence.CompareTo(other.Sequence);

    public static bool operator <(FeedPosition left, FeedPosition right) => left.CompareTo(right) < 0;

    public static bool operator >(FeedPosition left, FeedPosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(FeedPosition left, FeedPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(FeedPosition left, FeedPosition right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{Transaction}:{Sequence}";
}

/// <summary>One committed journal record with the grain it belongs to and its place in the feed.</summary>
public sealed record FeedRecord(FeedPosition Position, GrainId GrainId, JournalRecord Record);

/// <summary>
/// Every journal of one grain type as a single ordered stream, for projections: read from a checkpoint, process,
/// store the new checkpoint with the results.
/// </summary>
public interface IJournalFeed
{
    /// <summary>Up to <paramref name="max"/> records of grains of <paramref name="grainType"/> after <paramref name="after"/>, in feed order.</summary>
    Task<IReadOnlyList<FeedRecord>> ReadAsync(string grainType, FeedPosition after, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Completes when records may have been appended after <paramref name="after"/>, or after <paramref name="timeout"/>
    /// at the latest (providers without notifications simply wait that long).
    /// </summary>
    Task WaitAsync(string grainType, FeedPosition after, TimeSpan timeout, CancellationToken cancellationToken);
}
