using CityActors.Domain.Cases;

namespace CityActors.GrainInterfaces.Cases;

/// <summary>
/// The case read model for front-ends: lists, work queues and KPIs from the projected views, never from case grains.
/// A stateless worker on every silo (key 0); callers scope their queries to what the caller may see.
/// </summary>
[Alias("cityactors.case-query")]
public interface ICaseQueryGrain : IGrainWithIntegerKey
{
    /// <exception cref="ArgumentException">A filter is out of range (its message names it).</exception>
    [Alias("query")]
    Task<CasePage> Query(CaseQuery query);

    /// <summary>Open cases in any queue of <paramref name="owner"/>.</summary>
    [Alias("queued-for")]
    Task<IReadOnlyList<CaseView>> QueuedFor(WorkOwner owner);

    /// <summary>
    /// The <paramref name="limit"/> closed cases of <paramref name="view"/>'s matter most like it (words and nearness),
    /// best first, never the case itself.
    /// </summary>
    /// <exception cref="ArgumentException">The limit is outside 1–<see cref="SimilarCases.MaxLimit"/>.</exception>
    [Alias("similar-to")]
    Task<IReadOnlyList<SimilarCaseView>> SimilarTo(CaseView view, int limit);

    /// <summary>KPIs of the cases reported in [<paramref name="from"/>, <paramref name="to"/>) within <paramref name="scope"/>.</summary>
    [Alias("kpis")]
    Task<CaseKpis> Kpis(KpiScope scope, DateTimeOffset from, DateTimeOffset to);
}

/// <summary>Bounds of a similar-cases answer.</summary>
public static class SimilarCases
{
    public const int DefaultLimit = 5;

    public const int MaxLimit = 20;
}
