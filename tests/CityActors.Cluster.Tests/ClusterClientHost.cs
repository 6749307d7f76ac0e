using System.Globalization;
using CityActors.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace CityActors.Cluster.Tests;

/// <summary>A front-end's cluster client, configured exactly as a front-end configures it ("CityActors:Client:Gateways:N").</summary>
internal sealed class ClusterClientHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterClientHost(IHost host)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Grains { get; }

    public IManagementGrain Management => Grains.GetGrain<IManagementGrain>(0);

    /// <param name="responseTimeout">How long a call waits for its answer (Orleans' default: 30 s).</param>
    public static async Task<ClusterClientHost> ConnectAsync(IEnumerable<int> gatewayPorts, TimeSpan? responseTimeout = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(gatewayPorts.Select((port, i) =>
            KeyValuePair.Create<string, string?>($"CityActors:Client:Gateways:{i}", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}")));
        builder.UseOrleansClient(client =>
        {
            client.UseCityActorsCluster(builder.Configuration);
            if (responseTimeout is { } timeout)
            {
                client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = timeout);
            }
        });
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterClientHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        // A client whose gateways are gone must not hold the test up: stopping gives up after a few seconds.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _host.StopAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            // Abandoned; disposing closes its connections.
        }

        _host.Dispose();
    }
}
