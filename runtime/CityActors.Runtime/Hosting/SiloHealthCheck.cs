using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CityActors.Runtime.Hosting;

/// <summary>Ready while the silo is started and not shutting down.</summary>
internal sealed class SiloHealthCheck(ISiloStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["silo"] = status.SiloName,
            ["activations"] = status.ActivationCount,
            ["pendingReminders"] = status.PendingReminderCount,
        };
        return Task.FromResult(status.IsReady
            ? HealthCheckResult.Healthy("Silo is serving calls.", data)
            : HealthCheckResult.Unhealthy("Silo is starting or shutting down.", data: data));
    }
}
