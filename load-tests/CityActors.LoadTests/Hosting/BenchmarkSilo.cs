using CityActors.Testing;
using System.Net;
using CityActors.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CityActors.LoadTests.Hosting;

/// <summary>
/// One silo in this process, put together exactly as the silo executable does it (<c>UseCityActorsMode</c> then
/// <c>AddCityActors</c>, the NYC demo city): embedded (localhost clustering, in-memory providers) when no connection
/// string is given, else clustered on that PostgreSQL database (AdoNet membership, our grain storage, journals,
/// deadlines and read model). Several clustered silos on one database form one cluster.
/// </summary>
public sealed class BenchmarkSilo : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownBudget = TimeSpan.FromSeconds(60);

    private readonly IHost _host;

    private BenchmarkSilo(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    /// <summary>The silo's own grain factory: calls through it are made from this silo (no client, no gateway).</summary>
    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public SiloAddress Address => Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    /// <param name="connectionString">The cluster database; null for an embedded silo.</param>
    /// <param name="configure">Benchmark additions to the silo (after the product's configuration, so they can override it).</param>
    /// <param name="settings">Configuration keys as in appsettings ("CityActors:Deadlines:LookAhead").</param>
    public static async Task<BenchmarkSilo> StartAsync(
        string? connectionString, Action<ISiloBuilder>? configure = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        BenchmarkLogging.Configure(builder.Logging);
        builder.Services.AddSingleton(DemoCity.Nyc);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownBudget);
        var siloSettings = new SiloSettings(
            connectionString ?? "",
            Dashboard: false,
            ShutdownTimeout: ShutdownBudget,
            SiloPort: FreePorts.Next(),
            GatewayPort: FreePorts.Next(),
            AdvertisedAddress: IPAddress.Loopback);
        builder.UseOrleans(silo =>
        {
            silo.UseCityActorsMode(siloSettings).AddCityActors();
            configure?.Invoke(silo);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new BenchmarkSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var budget = new CancellationTokenSource(ShutdownBudget);
        await _host.StopAsync(budget.Token).ConfigureAwait(false);
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _host.Dispose();
        }
    }
}
