using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CityActors.Silo.Hosting;

/// <summary>
/// OpenTelemetry for every CityActors process: Orleans' meters and activity sources and ours, exported over OTLP
/// when "CityActors:Telemetry:OtlpEndpoint" is set (for example http://otel-collector:4317). Without an endpoint the
/// meters still exist for the dashboard and in-process listeners; nothing is exported.
/// </summary>
public static class CityActorsTelemetry
{
    public const string EndpointKey = "CityActors:Telemetry:OtlpEndpoint";

    /// <summary>Meters by name: Orleans' own and every CityActors meter ("CityActors.Deadlines", "CityActors.PostgreSql", …).</summary>
    public static readonly string[] Meters = ["Microsoft.Orleans", "CityActors.*"];

    /// <summary>Activity sources: Orleans' runtime and application calls (with <c>AddActivityPropagation</c>) and ours.</summary>
    public static readonly string[] Sources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "CityActors.*"];

    public static IServiceCollection AddCityActorsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var endpoint = configuration[EndpointKey];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return services;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException($"{EndpointKey} must be an absolute URI such as http://collector:4317 (was '{endpoint}').");
        }

        var protocol = configuration.GetValue("CityActors:Telemetry:OtlpProtocol", OtlpExportProtocol.Grpc);
        services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter(Meters).AddOtlpExporter(o => (o.Endpoint, o.Protocol) = (uri, protocol)))
            .WithTracing(tracing => tracing.AddSource(Sources).AddOtlpExporter(o => (o.Endpoint, o.Protocol) = (uri, protocol)));
        return services;
    }
}
