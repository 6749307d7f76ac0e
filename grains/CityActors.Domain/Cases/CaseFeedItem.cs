namespace CityActors.Domain.Cases;

/// <summary>
/// One case event from the journal feed, with what a reader needs to decide who may see it: where the case is and
/// the departments it was dispatched to. <see cref="Position"/> is the feed position ("transaction:sequence") to resume after.
/// <see cref="Queues"/> is set on the last event of a case in a page when its events may have moved the case between work
/// queues: the work queues it is in now (none when it left them all).
/// </summary>
public sealed record CaseFeedItem(string Position, string CaseId, CaseEvent Event, CasePlace? Place, IReadOnlyList<string> Departments)
{
    public IReadOnlyList<QueueEntry>? Queues { get; init; }
}

/// <summary>The items after a position, and the position they reach (the same position when none came).</summary>
public sealed record CaseFeedPage(IReadOnlyList<CaseFeedItem> Items, string Position);
