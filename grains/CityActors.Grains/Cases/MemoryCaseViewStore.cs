using CityActors.Domain.Cases;

namespace CityActors.Grains.Cases;

/// <summary>The read model in process memory, for embedded mode and tests. Lists and KPIs scan the views.</summary>
public sealed class MemoryCaseViewStore : ICaseProjectionStore, ICaseReadModel
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, CaseState> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CaseView> _views = new(StringComparer.Ordinal);
    private FeedPosition _checkpoint = FeedPosition.Start;

    public Task<FeedPosition> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_checkpoint);
        }
    }

    /// <summary>One process, one projector: the lease is always granted.</summary>
    public Task<bool> TryLeadAsync(string projector, TimeSpan lease, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task ReleaseLeadAsync(string projector, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyDictionary<string, CaseState>> LoadAsync(IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            // Copies: the projector folds events into what it loads, and a failed batch must leave the store as it was.
            var found = new Dictionary<string, CaseState>(StringComparer.Ordinal);
            foreach (var id in caseIds)
            {
                if (_states.TryGetValue(id, out var state))
                {
                    found[id] = state.Copy();
                }
            }

            return Task.FromResult<IReadOnlyDictionary<string, CaseState>>(found);
        }
    }

    public Task SaveAsync(IReadOnlyCollection<ProjectedCase> cases, FeedPosition expected, FeedPosition checkpoint, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_checkpoint != expected)
            {
                return Task.FromException(new ProjectionConflictException($"The case projection is at {_checkpoint}, not {expected}."));
            }

            foreach (var (state, view) in cases)
            {
                _states[state.Id] = state;
                _views[state.Id] = view;
            }

            _checkpoint = checkpoint;
            return Task.CompletedTask;
        }
    }

    public Task<CasePage> QueryAsync(CaseQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var after = query.After is null ? (CaseCursor?)null : CaseCursor.TryParse(query.After, out var cursor) ? cursor : null;
        List<CaseView> matching;
        lock (_lock)
        {
            matching = [.. _views.Values.Where(v => query.Matches(v) && (after is null || after.Value.Precedes(v)))];
        }

        var page = matching
            .OrderByDescending(v => v.ReportedAt.UtcTicks)
            .ThenBy(v => v.Id, StringComparer.Ordinal)
            .Take(query.Limit + 1)
            .ToList();
        var next = page.Count > query.Limit ? CaseCursor.Of(page[query.Limit - 1]).ToString() : null;
        return Task.FromResult(new CasePage([.. page.Take(query.Limit)], next));
    }

    public Task<IReadOnlyList<CaseView>> QueuedForAsync(WorkOwner owner, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<CaseView>>([.. _views.Values.Where(v => v.Queues.Any(q => q.Owner == owner))]);
        }
    }

    public Task<IReadOnlyList<CaseView>> RecentlyClosedAsync(string matterCode, BoundingBox? box, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(matterCode);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<CaseView>>(
            [
                .. _views.Values
                    .Where(v => v.Status == CaseStatus.Closed && v.ClosedAt is not null && v.MatterCode == matterCode && (box is null || box.Contains(v.Place.Longitude, v.Place.Latitude)))
                    .OrderByDescending(v => v.ClosedAt!.Value.UtcTicks)
                    .ThenBy(v => v.Id, StringComparer.Ordinal)
                    .Take(limit),
            ]);
        }
    }

    public Task<CaseKpis> KpisAsync(KpiScope scope, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(CaseKpis.Compute(_views.Values.Where(v => v.ReportedAt >= from && v.ReportedAt < to), scope));
        }
    }
}
