using CityActors.Runtime.Hosting;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CityActors.Silo;

/// <summary>
/// OTLP export of the runtime's spans and metrics when "CityActors:Telemetry:OtlpEndpoint" is set (for example
/// http://otel-collector:4317). The providers are built directly and disposed with the host, because the
/// OpenTelemetry hosting package is not available in this project's package source.
/// </summary>
internal static class TelemetryExport
{
    public const string EndpointKey = "CityActors:Telemetry:OtlpEndpoint";

    public static IServiceCollection AddOpenTelemetryExport(this IServiceCollection services, IConfiguration configuration)
    {
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
        // Factories, not instances, so the container disposes (and flushes) them at shutdown; the hosted service
        // below creates them at start.
        services.AddSingleton(_ => Sdk.CreateTracerProviderBuilder()
            .AddSource(RuntimeTelemetry.SourceName)
            .AddOtlpExporter(o =>
            {
                o.Endpoint = uri;
                o.Protocol = protocol;
            })
            .Build());
        services.AddSingleton(_ => Sdk.CreateMeterProviderBuilder()
            .AddMeter(RuntimeTelemetry.MeterName)
            .AddOtlpExporter(o =>
            {
                o.Endpoint = uri;
                o.Protocol = protocol;
            })
            .Build());
        services.AddHostedService<ExportStarter>();
        return services;
    }

    private sealed class ExportStarter(TracerProvider tracing, MeterProvider metrics) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(tracing);
            GC.KeepAlive(metrics);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
