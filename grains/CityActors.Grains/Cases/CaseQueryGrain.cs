using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;
using CityActors.Assist.Similar;
using CityActors.Domain.City;
using Orleans.Concurrency;

namespace CityActors.Grains.Cases;

/// <summary>Answers read-model queries on the silo that received them: the read model is shared, so any silo can.</summary>
[StatelessWorker]
public sealed class CaseQueryGrain(ICaseReadModel readModel, CityModel city) : Grain, ICaseQueryGrain
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

    public async Task<IReadOnlyList<SimilarCaseView>> SimilarTo(CaseView view, int limit)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (limit is < 1 or > SimilarCases.MaxLimit)
        {
            throw new ArgumentException($"The limit must be 1–{SimilarCases.MaxLimit}; it is {limit}.", nameof(limit));
        }

        // One more than scored, in case the case at hand is itself among the recently closed.
        var candidates = await readModel.RecentlyClosedAsync(view.MatterCode, ClosedCaseRanker.CandidateBox(view.Place), ClosedCaseRanker.LookBack + 1, CancellationToken.None);
        var name = city.Catalogue.Find(view.MatterCode)?.NameEn ?? view.MatterCode;
        return
        [
            .. ClosedCaseRanker.Rank(view, candidates, limit).Select(r => new SimilarCaseView(
                r.Case.Id,
                r.Case.MatterCode,
                name,
                r.Case.Description,
                r.Case.ClosedAt!.Value,
                ClosedCaseRanker.HandlingHours(r.Case),
                ClosedCaseRanker.Closure(r.Case),
                r.Meters is { } m ? Math.Round(m, 1) : null,
                Math.Round(r.Score, 6))),
        ];
    }

    public Task<CaseKpis> Kpis(KpiScope scope, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return to < from
            ? throw new ArgumentException($"The period ends ({to:O}) before it starts ({from:O}).")
            : readModel.KpisAsync(scope, from, to, CancellationToken.None);
    }
}
