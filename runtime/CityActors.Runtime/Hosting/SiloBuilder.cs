using System.Reflection;
using System.Text.Json;
using CityActors.Runtime.Activations;
using CityActors.Runtime.Journal;
using CityActors.Runtime.Reminders;
using CityActors.Runtime.Storage;
using CityActors.Runtime.Streams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CityActors.Runtime.Hosting;

/// <summary>Configures a silo: its grain classes and its storage, journal, reminder and stream providers.</summary>
public sealed class SiloBuilder
{
    private readonly GrainClassRegistrations _grains;

    internal SiloBuilder(IServiceCollection services, IConfiguration configuration, GrainClassRegistrations grains)
    {
        Services = services;
        Configuration = configuration;
        _grains = grains;
    }

    public IServiceCollection Services { get; }

    public IConfiguration Configuration { get; }

    /// <summary>Hosts every grain class in <paramref name="assembly"/>.</summary>
    public SiloBuilder AddGrains(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        _grains.Types.UnionWith(assembly.GetTypes().Where(GrainClassRegistry.IsGrainClass));
        return this;
    }

    public SiloBuilder AddGrain<TGrain>()
        where TGrain : Grain
    {
        _grains.Types.Add(typeof(TGrain));
        return this;
    }

    public SiloBuilder Configure(Action<SiloOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    /// <summary>Adds serializer settings (for example a source-generated JsonSerializerContext) for state and events.</summary>
    public SiloBuilder ConfigureSerializer(Action<JsonSerializerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.AddSingleton(new SerializerConfiguration(configure));
        return this;
    }

    public SiloBuilder AddMemoryGrainStorage(string name = GrainStorageNames.Default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Services.RemoveAllKeyed<IGrainStorage>(name);
        Services.AddKeyedSingleton<IGrainStorage>(name, new MemoryGrainStorage());
        return this;
    }

    public SiloBuilder AddMemoryStreams(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Services.RemoveAllKeyed<IStreamProvider>(name);
        Services.AddKeyedSingleton<IStreamProvider>(name, new MemoryStreamProvider(name));
        return this;
    }

    public SiloBuilder UseMemoryJournal()
    {
        Services.RemoveAll<IJournalStorage>();
        Services.AddSingleton<IJournalStorage, MemoryJournalStorage>();
        return this;
    }

    public SiloBuilder UseMemoryReminders()
    {
        Services.RemoveAll<IReminderTable>();
        Services.AddSingleton<IReminderTable, MemoryReminderTable>();
        return this;
    }
}
