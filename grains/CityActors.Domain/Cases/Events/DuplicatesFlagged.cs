namespace CityActors.Domain.Cases;

/// <summary>Open cases of the same matter nearby, reported recently: the verifier decides whether to merge.</summary>
public sealed record DuplicatesFlagged(EventMeta Meta, IReadOnlyList<string> CaseIds) : CaseEvent(Meta);
