using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CityActors.Silo.Hosting;

/// <summary>
/// OpenTelemetry for every CityActors process: Orleans' meters and activity sources and ours, exported over OTLP
/// when "CityActors:Telemetry:OtlpEndpoint" is set (for example http://otel-collector:4317). Grain calls carry
/// trace context because silos and clients add Orleans' activity propagation.
/// </summary>
public static class CityActorsTelemetry
{
    public const string EndpointKey = "CityActors:Telemetry:OtlpEndpoint";

    /// <summary>Meters by name: Orleans' own and every CityActors meter ("CityActors.Deadlines", "CityActors.PostgreSql", …).</summary>
    public static readonly string[] Meters = ["Microsoft.Orleans", "CityActors.*"];

    /// <summary>Activity sources: Orleans' runtime and application calls and ours.</summary>
    public static readonly string[] Sources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "CityActors.*"];

    /// <param name="services">The host's services.</param>
    /// <param name="configuration">Where the OTLP endpoint is read from.</param>
    /// <param name="metrics">Extra metric exporters or views (an in-memory exporter in tests, Prometheus in a host that serves it).</param>
    /// <param name="tracing">Extra span exporters.</param>
    public static IServiceCollection AddCityActorsTelemetry(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<MeterProviderBuilder>? metrics = null,
        Action<TracerProviderBuilder>? tracing = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var endpoint = configuration[EndpointKey];
        Uri? uri = null;
        if (!string.IsNullOrWhiteSpace(endpoint) && !Uri.TryCreate(endpoint, UriKind.Absolute, out uri))
        {
            throw new InvalidOperationException($"{EndpointKey} must be an absolute URI such as http://collector:4317 (was '{endpoint}').");
        }

        if (uri is null && metrics is null && tracing is null)
        {
            return services; // nothing would consume the data
        }

        var protocol = configuration.GetValue("CityActors:Telemetry:OtlpProtocol", OtlpExportProtocol.Grpc);
        services.AddOpenTelemetry()
            .WithMetrics(builder =>
            {
                builder.AddMeter(Meters);
                if (uri is not null)
                {
                    builder.AddOtlpExporter(o => (o.Endpoint, o.Protocol) = (uri, protocol));
                }

                metrics?.Invoke(builder);
            })
            .WithTracing(builder =>
            {
                builder.AddSource(Sources);
                if (uri is not null)
                {
                    builder.AddOtlpExporter(o => (o.Endpoint, o.Protocol) = (uri, protocol));
                }

                tracing?.Invoke(builder);
            });
        return services;
    }
}
