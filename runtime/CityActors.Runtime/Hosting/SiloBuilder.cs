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
using Microsoft.Extensions.Options;

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

    /// <summary>
    /// Runs the silo as a member of a cluster whose membership and leases live in <paramref name="store"/>: grains are
    /// placed by shard lease, calls for shards owned elsewhere go over TCP, reminders load per owned shard. Settings
    /// come from the "CityActors:Cluster" section.
    /// </summary>
    public SiloBuilder UseClustering(Func<IServiceProvider, Runtime.Cluster.IMembershipStore> store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Services.AddOptions<ClusterOptions>().Bind(Configuration.GetSection(ClusterOptions.SectionName)).ValidateOnStart();
        Services.AddSingleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>();
        Services.AddSingleton(store);
        Services.AddSingleton(new Runtime.Cluster.ClusterSiloIdentity(Guid.NewGuid()));
        Services.AddSingleton(sp => new Runtime.Cluster.ShardOwnership(Shards(sp), sp.GetRequiredService<TimeProvider>()));
        Services.RemoveAll<Runtime.Cluster.IShardOwnership>();
        Services.AddSingleton<Runtime.Cluster.IShardOwnership>(sp => sp.GetRequiredService<Runtime.Cluster.ShardOwnership>());
        Services.AddSingleton(sp => new Runtime.Cluster.ShardMapHolder(Shards(sp)));
        Services.AddSingleton(sp =>
        {
            var silo = sp.GetRequiredService<IOptions<SiloOptions>>().Value;
            var cluster = sp.GetRequiredService<IOptions<ClusterOptions>>().Value;
            var catalog = sp.GetRequiredService<Catalog>();
            var router = new Runtime.Cluster.ClusterGrainRuntime(
                sp.GetRequiredService<Runtime.Cluster.ShardMapHolder>(),
                sp.GetRequiredService<Runtime.Invocation.LocalGrainRuntime>(),
                sp.GetRequiredService<Runtime.Cluster.ClusterSiloIdentity>().SiloId,
                sp.GetRequiredService<TimeProvider>(),
                catalog.Json,
                silo.DefaultCallTimeout,
                silo.DeadlineCheckInterval,
                cluster.ConnectTimeout);
            catalog.Reroute = router.RerouteFromCatalog;
            return router;
        });
        Services.RemoveAll<IGrainFactory>();
        Services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<Runtime.Cluster.ClusterGrainRuntime>());
        Services.AddSingleton<Runtime.Cluster.ClusterMembership>();
        return this;
    }

    private static int Shards(IServiceProvider services) => services.GetRequiredService<IOptions<SiloOptions>>().Value.ShardCount;

    public SiloBuilder UseMemoryReminders()
    {
        Services.RemoveAll<IReminderTable>();
        Services.AddSingleton<IReminderTable, MemoryReminderTable>();
        return this;
    }
}
