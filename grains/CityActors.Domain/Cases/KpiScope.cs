namespace CityActors.Domain.Cases;

/// <summary>What a KPI report covers: a department (cases ever dispatched to it) or an org unit (cases located in it).</summary>
public sealed record KpiScope(string? Department = null, string? OrgUnit = null)
{
    public static readonly KpiScope WholeCity = new();

    public bool Includes(CaseView view) =>
        (Department is null || view.DispatchedTo.Contains(Department))
        && (OrgUnit is null || Within(view.Place, OrgUnit));

    /// <summary>Whether the place is in the unit (hierarchical codes: the unit or a descendant; the city's code has no dot).</summary>
    public static bool Within(CasePlace place, string unit) =>
        !unit.Contains('.', StringComparison.Ordinal)
        || place.DistrictCode == unit || place.StreetCode == unit || place.CommunityCode == unit || place.GridCode == unit;
}
