namespace CityActors.Domain.Cases;

/// <summary>The case duplicates <paramref name="IntoCaseId"/>; its reporter now follows that case and this one ends.</summary>
public sealed record CaseMerged(EventMeta Meta, string IntoCaseId) : CaseEvent(Meta);
