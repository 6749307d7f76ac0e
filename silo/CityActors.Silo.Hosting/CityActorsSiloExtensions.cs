using CityActors.Deadlines;
using CityActors.GrainInterfaces.Hosting;
using CityActors.GrainInterfaces.Serialization;
using CityActors.Grains.Cases;
using CityActors.Grains.Sensors;
using CityActors.Journals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization;
using Orleans.Storage;

namespace CityActors.Silo.Hosting;

/// <summary>The one place a silo of CityActors is put together, so the executable, the tests and the load tests run the same silo.</summary>
public static class CityActorsSiloExtensions
{
    /// <summary>
    /// Grains, serialization, case handling and deadlines, with in-memory journals, grain state, deadlines and read
    /// model unless durable providers are registered (see <c>UseCityActorsPostgreSql</c>). Clustering is the caller's
    /// choice: localhost for embedded mode, AdoNet membership on PostgreSQL when clustered, the test cluster's in tests.
    /// </summary>
    public static ISiloBuilder AddCityActors(this ISiloBuilder silo, CityActors.Domain.Cases.CaseRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSerializer(s => s.AddCityActorsSerialization());
        RememberedGrainInterfaceTypes.Register(silo.Services);
        silo.AddActivityPropagation();

        // Grain state is stored as System.Text.Json with the domain's options, like the journals.
        silo.UseSystemTextJsonGrainStorageSerializer();
        silo.Services.Configure<SystemTextJsonGrainStorageSerializerOptions>(o =>
        {
            o.JsonSerializerOptions.PropertyNamingPolicy = DomainSerialization.Json.PropertyNamingPolicy;
            o.JsonSerializerOptions.PropertyNameCaseInsensitive = DomainSerialization.Json.PropertyNameCaseInsensitive;
            o.JsonSerializerOptions.NumberHandling = DomainSerialization.Json.NumberHandling;
            o.JsonSerializerOptions.AllowOutOfOrderMetadataProperties = true;
        });
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<MemoryEventJournal>();
        silo.Services.TryAddSingleton<IEventJournal>(sp => sp.GetRequiredService<MemoryEventJournal>());
        silo.Services.TryAddSingleton<IJournalFeed>(sp => sp.GetRequiredService<MemoryEventJournal>());
        if (!silo.Services.Any(s => s.ServiceType == typeof(Orleans.Storage.IGrainStorage) && Equals(s.ServiceKey, Orleans.Providers.ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)))
        {
            silo.AddMemoryGrainStorageAsDefault();
        }

        silo.AddCityActorsDeadlines();
        silo.Services.AddOptions<DeadlineOptions>().BindConfiguration(DeadlineOptions.SectionName);
        silo.AddCases(rules);
        silo.AddSensors();

        // Map layers are simplified once per silo and kept: every city directory activation answers from them.
        silo.Services.TryAddSingleton(sp => new CityActors.Domain.Reference.MapLayers(sp.GetRequiredService<CityActors.Domain.City.CityModel>()));
        return silo;
    }
}
