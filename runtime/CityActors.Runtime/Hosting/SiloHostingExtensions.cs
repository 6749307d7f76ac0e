using CityActors.Runtime.Activations;
using CityActors.Runtime.Invocation;
using CityActors.Runtime.Journal;
using CityActors.Runtime.Reminders;
using CityActors.Runtime.Storage;
using CityActors.Runtime.Streams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CityActors.Runtime.Hosting;

/// <summary>Adds a CityActors silo to a host.</summary>
public static class SiloHostingExtensions
{
    /// <summary>
    /// Hosts an embedded silo: every grain in this process, with in-memory storage, journal, reminders and a
    /// "Default" stream provider unless <paramref name="configure"/> registers others. Options come from the
    /// "CityActors:Silo" configuration section and are validated when the host starts.
    /// </summary>
    public static TBuilder AddCityActorsSilo<TBuilder>(this TBuilder builder, Action<SiloBuilder>? configure = null)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCityActorsSilo(builder.Configuration, configure);
        return builder;
    }

    public static IServiceCollection AddCityActorsSilo(this IServiceCollection services, IConfiguration configuration, Action<SiloBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(GrainClassRegistrations)))
        {
            throw new InvalidOperationException("AddCityActorsSilo was called twice; configure all grains in one call.");
        }

        var grains = new GrainClassRegistrations();
        services.AddSingleton(grains);
        services.AddOptions<SiloOptions>().Bind(configuration.GetSection(SiloOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddLogging();

        services.AddSingleton(sp => new GrainJsonOptions(sp.GetServices<SerializerConfiguration>()));
        services.AddSingleton<RuntimeMetrics>();
        services.AddSingleton<GrainClassRegistry>();
        services.AddSingleton<Catalog>();
        services.AddSingleton<LocalGrainRuntime>();
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<LocalGrainRuntime>());
        services.AddSingleton<ReminderService>();
        services.AddSingleton<SiloLifecycle>();
        services.AddSingleton<ISiloStatus>(sp => sp.GetRequiredService<SiloLifecycle>());
        services.AddHostedService(sp => sp.GetRequiredService<SiloLifecycle>());

        var silo = new SiloBuilder(services, configuration, grains);
        configure?.Invoke(silo);

        // Embedded defaults for whatever the configuration left unset.
        if (!services.Any(d => d.IsKeyedService && d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, GrainStorageNames.Default)))
        {
            silo.AddMemoryGrainStorage();
        }

        if (!services.Any(d => d.IsKeyedService && d.ServiceType == typeof(IStreamProvider) && Equals(d.ServiceKey, "Default")))
        {
            silo.AddMemoryStreams("Default");
        }

        services.TryAddSingleton<Cluster.IShardOwnership, Cluster.EmbeddedOwnership>();
        services.TryAddSingleton<IJournalStorage, MemoryJournalStorage>();
        services.TryAddSingleton<IJournalFeed>(sp => sp.GetRequiredService<IJournalStorage>() as IJournalFeed
            ?? throw new GrainConfigurationException($"Journal storage {sp.GetRequiredService<IJournalStorage>().GetType().Name} has no feed; projections need one."));
        services.TryAddSingleton<IReminderTable, MemoryReminderTable>();
        services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo", tags: ["ready"]);
        return services;
    }
}
