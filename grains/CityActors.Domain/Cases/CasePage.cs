using CityActors.Domain.Cases;

namespace CityActors.Domain.Cases;

/// <summary>One page of a list, and the cursor of the next page (null on the last).</summary>
public sealed record CasePage(IReadOnlyList<CaseView> Cases, string? Next);
