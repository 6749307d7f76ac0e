namespace CityActors.Domain.Cases;

/// <summary>A centre leader's answer to the pending extension request.</summary>
public sealed record DecideExtension(Actor By, bool Approve, string? Reason = null) : CaseCommand(By);
