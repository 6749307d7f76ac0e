using CityActors.Testing;
using System.Diagnostics;
using CityActors.Client;
using CityActors.Domain.Cases;
using CityActors.Domain.Package;
using CityActors.GrainInterfaces.Cases;
using CityActors.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CityActors.Silo.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Orleans_and_CityActors_meters_and_spans_reach_the_configured_exporters_with_one_trace_from_client_to_case()
    {
        var metrics = new List<Metric>();
        var spans = new List<Activity>();
        var (siloPort, gatewayPort) = (FreePorts.Next(), FreePorts.Next());
        var siloBuilder = Host.CreateApplicationBuilder();
        siloBuilder.Services.AddSingleton(CityPackageLoader.Load(Path.Combine(AppContext.BaseDirectory, "TestCity")));
        siloBuilder.UseOrleans(silo => silo.UseCityActorsMode(new SiloSettings("", false, TimeSpan.FromSeconds(10), siloPort, gatewayPort, null)).AddCityActors());
        siloBuilder.Services.AddCityActorsTelemetry(siloBuilder.Configuration, m => m.AddInMemoryExporter(metrics), t => t.AddInMemoryExporter(spans));
        using var silo = siloBuilder.Build();
        await silo.StartAsync();

        var clientBuilder = Host.CreateApplicationBuilder();
        clientBuilder.Configuration.AddInMemoryCollection([KeyValuePair.Create<string, string?>("CityActors:Client:Gateways:0", $"127.0.0.1:{gatewayPort}")]);
        clientBuilder.UseOrleansClient(client => client.UseCityActorsCluster(clientBuilder.Configuration));
        using var client = clientBuilder.Build();
        await client.StartAsync();
        var grains = client.Services.GetRequiredService<IClusterClient>();

        using var listener = new ActivityListener { ShouldListenTo = s => s.Name == "test", Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded };
        ActivitySource.AddActivityListener(listener);
        using var test = new ActivitySource("test");
        ActivityTraceId traceId;
        using (var root = test.StartActivity("front-end request"))
        {
            traceId = root!.TraceId;
            var report = new CaseReport(Channel.Hotline, "otel-1", "0501", "垃圾", ReportedLocation.At(121.405, 31.205), new Reporter(Phone: "138"));
            await grains.GetGrain<ICaseGrain>(Channels.CaseIdFor(Channel.Hotline, "otel-1")).Execute(new ReportCase(new Actor("hotline", Role.ChannelSystem, "hotline"), report));
        }

        silo.Services.GetRequiredService<MeterProvider>().ForceFlush();
        silo.Services.GetRequiredService<TracerProvider>().ForceFlush();
        await client.StopAsync();
        await silo.StopAsync();

        var names = metrics.Select(m => m.MeterName + "/" + m.Name).ToHashSet();
        names.ShouldContain(n => n.StartsWith("Microsoft.Orleans/", StringComparison.Ordinal));
        names.ShouldContain("CityActors.Cases/cityactors.cases.commands");
        names.ShouldContain(n => n.StartsWith("CityActors.Deadlines/", StringComparison.Ordinal));
        var command = spans.Single(s => s.Source.Name == "CityActors.Cases");
        command.DisplayName.ShouldBe("case ReportCase");
        command.TraceId.ShouldBe(traceId, "the case span continues the front-end's trace through the grain call");
        spans.ShouldContain(s => s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && s.TraceId == traceId);
    }
}
