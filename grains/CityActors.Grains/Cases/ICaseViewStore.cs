using CityActors.Domain.Cases;

namespace CityActors.Grains.Cases;

/// <summary>
/// The case read model: per case the state folded from its journal and the view derived from it, plus the feed
/// checkpoint they are current to. Written only by <see cref="CaseProjector"/> (several projectors may run; the
/// checkpoint is compare-and-set, so only one commits each batch); read by lists, KPIs and the grains
/// that rebuild derived indexes (work queues, duplicate tiles) on activation.
/// </summary>
public interface ICaseViewStore
{
    Task<FeedPosition> ReadCheckpointAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Takes or renews the projection lease for <paramref name="projector"/> for <paramref name="lease"/>; false while
    /// another projector holds an unexpired lease. Only the lease holder's projection service runs batches (the
    /// checkpoint's compare-and-set keeps the store correct regardless).
    /// </summary>
    Task<bool> TryLeadAsync(string projector, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Gives the lease up (at shutdown) so another projector can take over at once.</summary>
    Task ReleaseLeadAsync(string projector, CancellationToken cancellationToken);

    /// <summary>The stored states of those cases that have one.</summary>
    Task<IReadOnlyDictionary<string, CaseState>> LoadAsync(IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken);

    /// <summary>Stores the cases (state and view) and moves the checkpoint from <paramref name="expected"/> to <paramref name="checkpoint"/>, atomically.</summary>
    /// <exception cref="ProjectionConflictException">The stored checkpoint is no longer <paramref name="expected"/>; nothing was stored.</exception>
    Task SaveAsync(IReadOnlyCollection<ProjectedCase> cases, FeedPosition expected, FeedPosition checkpoint, CancellationToken cancellationToken);

    Task<CasePage> QueryAsync(CaseQuery query, CancellationToken cancellationToken);

    /// <summary>Open cases that sit in any queue of <paramref name="owner"/>.</summary>
    Task<IReadOnlyList<CaseView>> QueuedForAsync(WorkOwner owner, CancellationToken cancellationToken);

    /// <summary>KPIs of the cases reported in [<paramref name="from"/>, <paramref name="to"/>) within <paramref name="scope"/>.</summary>
    Task<CaseKpis> KpisAsync(KpiScope scope, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

/// <summary>A case as the projection stores it: the state folded from its journal and the view derived from that state.</summary>
public sealed record ProjectedCase(CaseState State, CaseView View)
{
    public static ProjectedCase Of(CaseState state) => new(state, CaseView.From(state));
}

/// <summary>Another projector moved the checkpoint first; re-read it and continue from there.</summary>
public sealed class ProjectionConflictException(string message) : Exception(message);
