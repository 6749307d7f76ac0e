using CityActors.Domain.Cases;
using CityActors.Domain.City;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CityActors.Grains.Cases;

/// <summary>Registration of case handling on a silo: decider, journals, read model and projection.</summary>
public static class CaseHosting
{
    /// <summary>The log-consistency provider case grains use: Orleans' custom-storage provider over <see cref="CaseJournal"/>.</summary>
    public const string JournalProviderName = "CaseJournal";

    /// <summary>
    /// Case handling on this silo: the decider for the city (needs a <see cref="CityModel"/> in DI) with
    /// <paramref name="rules"/>, or else the rules in the "CityActors:Cases" configuration section; case journals (an
    /// <see cref="Journals.IEventJournal"/> and <see cref="IJournalFeed"/> must be registered); the read model (in memory
    /// unless another store is registered) and its projection. Bad settings stop the silo at start with every problem listed.
    /// </summary>
    public static ISiloBuilder AddCases(this ISiloBuilder silo, CaseRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        rules ??= (silo.Configuration.GetSection(CaseRulesOptions.SectionName).Get<CaseRulesOptions>() ?? new CaseRulesOptions()).ToRules();
        silo.AddCustomStorageBasedLogConsistencyProvider(JournalProviderName);
        silo.Services.AddSingleton(sp => new CaseDecider(sp.GetRequiredService<CityModel>(), rules));
        silo.Services.AddSingleton<CaseJournal>();
        silo.Services.AddSingleton<CaseMetrics>();
        silo.Services.TryAddSingleton(CaseAssistance.None);
        silo.Services.TryAddSingleton<MemoryCaseViewStore>();
        silo.Services.TryAddSingleton<ICaseProjectionStore>(sp => sp.GetRequiredService<MemoryCaseViewStore>());
        silo.Services.TryAddSingleton<ICaseReadModel>(sp => sp.GetRequiredService<MemoryCaseViewStore>());
        silo.Services.AddSingleton<CaseProjector>();
        silo.Services.AddHostedService<CaseProjectionService>();
        return silo;
    }
}
