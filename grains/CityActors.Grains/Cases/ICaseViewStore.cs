using CityActors.Domain.Cases;

namespace CityActors.Grains.Cases;

/// <summary>
/// The case read model: per case the state folded from its journal and the view derived from it, plus the feed
/// checkpoint they are current to. Written only by <see cref="CaseProjector"/>; read by lists, KPIs and the grains
/// that rebuild derived indexes (work queues, duplicate tiles) on activation.
/// </summary>
public interface ICaseViewStore
{
    Task<FeedPosition> ReadCheckpointAsync(CancellationToken cancellationToken);

    /// <summary>The stored states of those cases that have one.</summary>
    Task<IReadOnlyDictionary<string, CaseState>> LoadAsync(IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken);

    /// <summary>Stores the states (and their views) and the checkpoint atomically.</summary>
    Task SaveAsync(IReadOnlyCollection<CaseState> states, FeedPosition checkpoint, CancellationToken cancellationToken);

    Task<CasePage> QueryAsync(CaseQuery query, CancellationToken cancellationToken);

    /// <summary>Open cases that sit in any queue of <paramref name="owner"/>.</summary>
    Task<IReadOnlyList<CaseView>> QueuedForAsync(WorkOwner owner, CancellationToken cancellationToken);

    /// <summary>KPIs of the cases reported in [<paramref name="from"/>, <paramref name="to"/>) within <paramref name="scope"/>.</summary>
    Task<CaseKpis> KpisAsync(KpiScope scope, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
