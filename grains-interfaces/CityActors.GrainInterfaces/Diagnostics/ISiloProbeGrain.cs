namespace CityActors.GrainInterfaces.Diagnostics;

/// <summary>
/// A grain the readiness check calls to prove, end to end, that the silo can activate grains and serve calls.
/// Keyed by silo name; placed on the calling silo, so each silo probes itself.
/// </summary>
[Alias("cityactors.silo-probe")]
public interface ISiloProbeGrain : IGrainWithStringKey
{
    [Alias("ping")]
    Task<ProbeReply> Ping();
}
