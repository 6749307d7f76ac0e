using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CityActors.Runtime.Hosting;
using CityActors.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CityActors.Runtime.Tests.Cluster;

public sealed class ClusterTelemetryTests
{
    [Fact]
    public async Task A_call_across_processes_is_one_trace_with_linked_client_and_server_spans_and_counted_in_metrics()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RuntimeTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        long calls = 0;
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RuntimeTelemetry.MeterName && instrument.Name == "cityactors.calls")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref calls, value));
        meters.Start();

        await using var cluster = await TestCluster.StartAsync(2, silo => silo.AddGrain<AccountGrain>());
        await cluster.WaitForStableAsync();
        using var host = ClientHost(cluster);
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var key = $"traced-{Guid.NewGuid():N}";

        using (var root = new Activity("front-end request").Start())
        {
            await grains.GetGrain<IAccountGrain>(key).Deposit(1);
            var client = spans.Single(s => s.Kind == ActivityKind.Client && s.TraceId == root.TraceId);
            var server = spans.Single(s => s.Kind == ActivityKind.Server && s.TraceId == root.TraceId);
            client.ParentSpanId.ShouldBe(root.SpanId);
            server.ParentSpanId.ShouldBe(client.SpanId);
            server.DisplayName.ShouldBe($"{typeof(IAccountGrain).FullName}/Deposit");
            server.GetTagItem("cityactors.grain").ShouldBe($"account/{key}");
        }

        meters.RecordObservableInstruments();
        Interlocked.Read(ref calls).ShouldBeGreaterThan(0);
        await host.StopAsync();
    }

    private static IHost ClientHost(TestCluster cluster)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(cluster.Silos.Select((s, i) => KeyValuePair.Create($"CityActors:Client:Gateways:{i}", (string?)s.Endpoint)));
        builder.Services.AddCityActorsClient(builder.Configuration);
        return builder.Build();
    }
}
