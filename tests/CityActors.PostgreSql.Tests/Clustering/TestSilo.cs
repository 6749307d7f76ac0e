using CityActors.Testing;
using System.Net;
using CityActors.PostgreSql.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

namespace CityActors.PostgreSql.Tests.Clustering;

/// <summary>
/// A real Orleans silo in this process: its own generic host, loopback silo and gateway ports, membership (and
/// optionally reminders) in the given cluster database, through the same extension methods production uses.
/// </summary>
internal sealed class TestSilo : IAsyncDisposable
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);

    private bool _started;
    private bool _disposed;

    private TestSilo(IHost host, string name)
    {
        Host = host;
        Name = name;
    }

    public IHost Host { get; }

    public string Name { get; }

    public IServiceProvider Services => Host.Services;

    public IGrainFactory GrainFactory => Services.GetRequiredService<IGrainFactory>();

    public SiloAddress Address => Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    /// <summary>Builds a silo without starting it.</summary>
    public static TestSilo Create(
        string connectionString,
        string clusterId,
        string name,
        bool withReminders = false,
        IReadOnlyDictionary<string, string?>? configuration = null,
        Action<ISiloBuilder>? configure = null)
    {
        var host = new HostBuilder()
            .ConfigureAppConfiguration(c => c.AddInMemoryCollection(configuration ?? new Dictionary<string, string?>()))
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .UseOrleans(silo =>
            {
                silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, $"{clusterId}-service"));
                silo.Configure<SiloOptions>(o => o.SiloName = name);
                silo.ConfigureEndpoints(IPAddress.Loopback, FreePorts.Next(), FreePorts.Next(), listenOnAnyHostAddress: false);
                silo.UseCityActorsPostgreSqlClustering(connectionString);
                if (withReminders)
                {
                    silo.UseCityActorsPostgreSqlReminders(connectionString);
                }

                configure?.Invoke(silo);
            })
            .Build();
        return new TestSilo(host, name);
    }

    /// <summary>Builds and starts a silo; returns once it is active in the cluster.</summary>
    public static async Task<TestSilo> StartNewAsync(
        string connectionString, string clusterId, string name, bool withReminders = false, Action<ISiloBuilder>? configure = null)
    {
        var silo = Create(connectionString, clusterId, name, withReminders, configure: configure);
        try
        {
            await silo.StartAsync();
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the silo; returns once it is active in the cluster.</summary>
    public async Task StartAsync()
    {
        await Host.StartAsync();
        _started = true;
    }

    /// <summary>Stops the silo gracefully if it started, then disposes its host. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_started)
        {
            using var limit = new CancellationTokenSource(StopLimit);
            await Host.StopAsync(limit.Token);
        }

        if (Host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            Host.Dispose();
        }
    }

}
