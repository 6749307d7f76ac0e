using CityActors.GrainInterfaces.Diagnostics;
using CityActors.Runtime.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CityActors.Silo;

/// <summary>Ready only if a real grain call round-trips: activation, mailbox and reply all work.</summary>
internal sealed class ProbeGrainHealthCheck(IGrainFactory grains, ISiloStatus status) : IHealthCheck
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!status.IsReady)
        {
            return HealthCheckResult.Unhealthy("Silo is not serving calls.");
        }

        try
        {
            var reply = await grains.GetGrain<ISiloProbeGrain>(status.SiloName).Ping().WaitAsync(Limit, cancellationToken);
            return HealthCheckResult.Healthy($"Probe grain answered (probe {reply.Probes}).");
        }
        catch (Exception ex) when (ex is TimeoutException or SiloUnavailableException or GrainActivationException)
        {
            return HealthCheckResult.Unhealthy("Probe grain call failed.", ex);
        }
    }
}
