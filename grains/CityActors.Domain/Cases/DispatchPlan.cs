namespace CityActors.Domain.Cases;

/// <summary>The departments a dispatch rule points to; automatic dispatch needs exactly one.</summary>
public sealed record DispatchPlan(IReadOnlyList<string> Candidates, string Explanation)
{
    public string? SingleOwner => Candidates.Count == 1 ? Candidates[0] : null;
}
