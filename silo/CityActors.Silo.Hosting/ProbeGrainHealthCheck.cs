using CityActors.GrainInterfaces.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CityActors.Silo.Hosting;

/// <summary>
/// Ready only if this silo is an active member of the cluster and a real grain call round-trips through it
/// (activation, scheduling and reply all work). The probe grain is placed on the calling silo.
/// </summary>
internal sealed class ProbeGrainHealthCheck(IGrainFactory grains, ISiloStatusOracle membership, ILocalSiloDetails silo) : IHealthCheck
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentStatus;
        if (status != SiloStatus.Active)
        {
            return HealthCheckResult.Unhealthy($"Silo {silo.Name} is {status} in the cluster, not Active.");
        }

        try
        {
            var reply = await grains.GetGrain<ISiloProbeGrain>(silo.Name).Ping().WaitAsync(Limit, cancellationToken);
            return HealthCheckResult.Healthy($"Silo {silo.Name} is Active; its probe grain answered (probe {reply.Probes}).");
        }
        catch (Exception ex) when (ex is TimeoutException or SiloUnavailableException or OrleansException)
        {
            return HealthCheckResult.Unhealthy("Probe grain call failed.", ex);
        }
    }
}
