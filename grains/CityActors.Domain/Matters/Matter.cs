using CityActors.Domain.Calendar;
using CityActors.Domain.City;

namespace CityActors.Domain.Matters;

/// <summary>One entry of the matter catalogue (事项清单 / 权责清单).</summary>
public sealed record Matter(
    string Code,
    string NameZh,
    string NameEn,
    MatterKind Kind,
    string MajorClass,
    string MinorClass,
    IReadOnlyDictionary<OrgLevel, string> OwnerAgencies,
    IReadOnlyList<AreaOwner> AreaOwners,
    DispatchRule DispatchRule,
    IReadOnlyDictionary<(Urgency Urgency, CaseStage Stage), TimeLimit> Limits,
    Recurrence Recurrence = Recurrence.NewCase)
{
    public TimeLimit Limit(CaseStage stage, Urgency urgency) =>
        Limits.TryGetValue((urgency, stage), out var limit)
            ? limit
            : throw new KeyNotFoundException($"Matter {Code} has no {urgency} limit for {stage}.");
}
