using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;
using Orleans.Concurrency;

namespace CityActors.Grains.Cases;

/// <summary>Answers read-model queries on the silo that received them: the read model is shared, so any silo can.</summary>
[StatelessWorker]
public sealed class CaseQueryGrain(ICaseReadModel readModel) : Grain, ICaseQueryGrain
{
    public Task<CasePage> Query(CaseQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        return readModel.QueryAsync(query, CancellationToken.None);
    }

    public Task<IReadOnlyList<CaseView>> QueuedFor(WorkOwner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return readModel.QueuedForAsync(owner, CancellationToken.None);
    }

    public Task<CaseKpis> Kpis(KpiScope scope, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return to < from
            ? throw new ArgumentException($"The period ends ({to:O}) before it starts ({from:O}).")
            : readModel.KpisAsync(scope, from, to, CancellationToken.None);
    }
}
