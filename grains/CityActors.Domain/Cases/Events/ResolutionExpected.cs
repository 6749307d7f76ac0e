namespace CityActors.Domain.Cases;

/// <summary>When a learned model expects the case to be resolved, estimated at intake (Open311 <c>expected_datetime</c>).</summary>
public sealed record ResolutionExpected(EventMeta Meta, DateTimeOffset ExpectedAt, double Hours, string ModelVersion) : CaseEvent(Meta);
