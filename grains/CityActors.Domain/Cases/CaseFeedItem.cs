namespace CityActors.Domain.Cases;

/// <summary>
/// One case event from the journal feed, with what a reader needs to decide who may see it: where the case is and
/// the departments it was dispatched to. <see cref="Position"/> is the feed position ("transaction:sequence") to resume after.
/// </summary>
public sealed record CaseFeedItem(string Position, string CaseId, CaseEvent Event, CasePlace? Place, IReadOnlyList<string> Departments);

/// <summary>The items after a position, and the position they reach (the same position when none came).</summary>
public sealed record CaseFeedPage(IReadOnlyList<CaseFeedItem> Items, string Position);
