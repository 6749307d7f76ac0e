using CityActors.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityActors.Testing;

/// <summary>An embedded silo started in-process for tests, on a <see cref="ManualTimeProvider"/> unless told otherwise.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private TestSilo(IHost host, TimeProvider time)
    {
        _host = host;
        Time = time;
    }

    public TimeProvider Time { get; }

    /// <summary>The manual clock; throws if the silo runs on real time.</summary>
    public ManualTimeProvider Clock => Time as ManualTimeProvider
        ?? throw new InvalidOperationException("This test silo runs on the system clock.");

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public ISiloStatus Status => _host.Services.GetRequiredService<ISiloStatus>();

    public static async Task<TestSilo> StartAsync(
        Action<SiloBuilder> configure,
        TimeProvider? time = null,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        time ??= new ManualTimeProvider();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        builder.Services.AddSingleton(time);
        services?.Invoke(builder.Services);
        builder.AddCityActorsSilo(configure);
        var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        return new TestSilo(host, time);
    }

    /// <summary>Stops gracefully: every activation runs OnDeactivateAsync.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _host.StopAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _host.Dispose();
    }
}
