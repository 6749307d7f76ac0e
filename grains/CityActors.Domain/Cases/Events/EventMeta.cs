namespace CityActors.Domain.Cases;

/// <summary>Who did it, when, why, and what evidence they attached — carried by every event, so the journal is the audit trail.</summary>
public sealed record EventMeta(DateTimeOffset At, Actor By, string? Reason = null, IReadOnlyList<string>? Attachments = null);
