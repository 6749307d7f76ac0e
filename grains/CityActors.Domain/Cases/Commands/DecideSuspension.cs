namespace CityActors.Domain.Cases;

/// <summary>A centre leader's answer to the pending suspension request.</summary>
public sealed record DecideSuspension(Actor By, bool Approve, string? Reason = null) : CaseCommand(By);
