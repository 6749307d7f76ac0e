using CityActors.GrainInterfaces.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CityActors.Api.Hosting;

/// <summary>
/// Cluster-client mode: ready only while a grain call round-trips through a gateway, so a host cut off from every
/// silo is taken out of its Service instead of answering 503s.
/// </summary>
internal sealed class ClusterReachableHealthCheck(IClusterClient client) : IHealthCheck
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var reply = await client.GetGrain<ISiloProbeGrain>("api-readiness").Ping().WaitAsync(Limit, cancellationToken);
            return HealthCheckResult.Healthy($"A grain call round-tripped through the gateways (probe {reply.Probes}).");
        }
        catch (Exception ex) when (ex is TimeoutException or SiloUnavailableException or OrleansException)
        {
            return HealthCheckResult.Unhealthy("No gateway answered a probe grain call.", ex);
        }
    }
}
