namespace CityActors.Domain.Vitals;

/// <summary>
/// A case's mark as of one version of the case, sent by the case projection to the vital signs of the unit the case
/// is placed in. The version lets a unit ignore a mark older than the one it holds.
/// </summary>
public sealed record CaseMarkUpdate(string CaseId, int Version, CaseMark Mark);
