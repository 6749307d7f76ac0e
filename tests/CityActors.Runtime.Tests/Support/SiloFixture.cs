using CityActors.Runtime.Hosting;
using CityActors.Runtime.Tests.Grains;
using CityActors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CityActors.Runtime.Tests.Support;

/// <summary>Starts a test silo hosting every grain of this assembly, with a probe and a manual clock.</summary>
public static class TestSilos
{
    public static async Task<(TestSilo Silo, TestProbe Probe)> StartAsync(
        Action<SiloBuilder>? configure = null,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        TimeProvider? time = null)
    {
        var probe = new TestProbe();
        var silo = await TestSilo.StartAsync(
            builder =>
            {
                builder.AddGrains(typeof(TestSilos).Assembly).AddMemoryGrainStorage("archive");
                configure?.Invoke(builder);
            },
            time: time,
            settings: settings,
            services: s =>
            {
                s.AddSingleton(probe);
                services?.Invoke(s);
                s.TryAddSingleton<ReminderLog>();
            });
        return (silo, probe);
    }
}
