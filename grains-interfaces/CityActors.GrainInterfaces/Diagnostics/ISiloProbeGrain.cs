namespace CityActors.GrainInterfaces.Diagnostics;

/// <summary>
/// A grain the readiness check calls to prove, end to end, that the silo can activate grains and serve calls.
/// Keyed by silo name, so each silo probes its own.
/// </summary>
public interface ISiloProbeGrain : IGrainWithStringKey
{
    Task<ProbeReply> Ping();
}

/// <summary>When the probed activation started and how many probes it has answered.</summary>
public sealed record ProbeReply(string GrainKey, DateTimeOffset ActivatedAt, long Probes);
