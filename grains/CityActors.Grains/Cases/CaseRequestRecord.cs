using CityActors.Domain.Cases;

namespace CityActors.Grains.Cases;

/// <summary>What an idempotent request did: the request's fingerprint and its answer (a view, or a refusal).</summary>
public sealed record CaseRequestRecord(
    string CaseId,
    string Fingerprint,
    DateTimeOffset At,
    CaseView? View,
    CaseErrorKind? RefusedAs,
    string? Refusal);

/// <summary>The stored state of a <see cref="CaseRequestGrain"/>: the answer once there is one.</summary>
public sealed class CaseRequestState
{
    public CaseRequestRecord? Answer { get; set; }
}
