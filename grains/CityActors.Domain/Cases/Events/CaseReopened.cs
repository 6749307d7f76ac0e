namespace CityActors.Domain.Cases;

/// <summary>Reopened within the reopen window; back to the centre for dispatch.</summary>
public sealed record CaseReopened(EventMeta Meta) : CaseEvent(Meta);
