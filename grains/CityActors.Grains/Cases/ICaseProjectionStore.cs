using CityActors.Domain.Cases;

namespace CityActors.Grains.Cases;

/// <summary>
/// The write side of the case read model: per case the state folded from its journal and the view derived from it,
/// plus the feed checkpoint they are current to. Written only by <see cref="CaseProjector"/> (several may run; the
/// checkpoint is compare-and-set, so only one commits each batch, and a lease keeps all but one idle).
/// </summary>
public interface ICaseProjectionStore
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

    /// <summary>The stored states of those cases that have one (copies the caller may change).</summary>
    Task<IReadOnlyDictionary<string, CaseState>> LoadAsync(IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken);

    /// <summary>Stores the cases (state and view) and moves the checkpoint from <paramref name="expected"/> to <paramref name="checkpoint"/>, atomically.</summary>
    /// <exception cref="ProjectionConflictException">The stored checkpoint is no longer <paramref name="expected"/>; nothing was stored.</exception>
    Task SaveAsync(IReadOnlyCollection<ProjectedCase> cases, FeedPosition expected, FeedPosition checkpoint, CancellationToken cancellationToken);
}
