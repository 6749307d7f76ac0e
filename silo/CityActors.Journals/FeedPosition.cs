namespace CityActors.Journals;

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
