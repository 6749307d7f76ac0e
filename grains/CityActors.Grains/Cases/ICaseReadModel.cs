using CityActors.Domain.Cases;

namespace CityActors.Grains.Cases;

/// <summary>
/// The query side of the case read model: lists, work queues and KPIs, answered from the projected views (never by
/// asking case grains). Read by the API and by the grains that rebuild derived indexes (work queues, duplicate tiles)
/// on activation.
/// </summary>
public interface ICaseReadModel
{
    Task<CasePage> QueryAsync(CaseQuery query, CancellationToken cancellationToken);

    /// <summary>Open cases that sit in any queue of <paramref name="owner"/>.</summary>
    Task<IReadOnlyList<CaseView>> QueuedForAsync(WorkOwner owner, CancellationToken cancellationToken);

    /// <summary>
    /// The <paramref name="limit"/> most recently closed cases of <paramref name="matterCode"/> (status Closed, latest
    /// closure first, then by id), located inside <paramref name="box"/> when one is given: the candidates for "how were
    /// cases like this resolved".
    /// </summary>
    Task<IReadOnlyList<CaseView>> RecentlyClosedAsync(string matterCode, BoundingBox? box, int limit, CancellationToken cancellationToken);

    /// <summary>KPIs of the cases reported in [<paramref name="from"/>, <paramref name="to"/>) within <paramref name="scope"/>.</summary>
    Task<CaseKpis> KpisAsync(KpiScope scope, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
