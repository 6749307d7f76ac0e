namespace CityActors.GrainInterfaces.Diagnostics;

/// <summary>When the probed activation started and how many probes it has answered.</summary>
[GenerateSerializer, Immutable, Alias("cityactors.probe-reply")]
public sealed record ProbeReply([property: Id(0)] string GrainKey, [property: Id(1)] DateTimeOffset ActivatedAt, [property: Id(2)] long Probes);
