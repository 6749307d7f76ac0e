using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.Silo.Hosting;

/// <summary>Liveness (the process answers) and readiness (active cluster member serving grain calls) for Kubernetes probes.</summary>
public static class SiloHealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddCityActorsSiloHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<ProbeGrainHealthCheck>("silo", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapCityActorsHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthResponse.WriteAsync,
        });
        return endpoints;
    }
}
