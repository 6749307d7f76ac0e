namespace CityActors.Domain.Reference;

/// <summary>An org unit with the units above it (city first) and those directly below it.</summary>
public sealed record OrgUnitDetail(OrgUnitSummary Unit, IReadOnlyList<OrgUnitSummary> Lineage, IReadOnlyList<OrgUnitSummary> Children);
