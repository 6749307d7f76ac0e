using CityActors.Domain.Cases;

namespace CityActors.GrainInterfaces.Cases;

/// <summary>Where a case stands for one owner: the queues it is in there (none: remove it).</summary>
[GenerateSerializer, Immutable, Alias("cityactors.queued-case")]
public sealed record QueuedCase(
    [property: Id(0)] string CaseId,
    [property: Id(1)] int Version,
    [property: Id(2)] IReadOnlyList<WorkQueue> Queues,
    [property: Id(3)] string MatterCode,
    [property: Id(4)] CaseStatus Status,
    [property: Id(5)] DateTimeOffset ReportedAt,
    [property: Id(6)] DateTimeOffset? NextDeadline);
