using CityActors.Domain.Cases;
using CityActors.Domain.City;
using CityActors.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CityActors.Grains.Cases;

public static class CaseHosting
{
    /// <summary>
    /// Case handling on this silo: the decider for the city (needs a <see cref="CityModel"/> in DI) with
    /// <paramref name="rules"/>, or else the rules in the "CityActors:Cases" configuration section; the read model
    /// (in memory unless another <see cref="ICaseViewStore"/> is registered) and its projection. Bad settings stop the
    /// silo at start with every problem listed.
    /// </summary>
    public static SiloBuilder AddCases(this SiloBuilder silo, CaseRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        rules ??= (silo.Configuration.GetSection(CaseRulesOptions.SectionName).Get<CaseRulesOptions>() ?? new CaseRulesOptions()).ToRules();
        silo.Services.AddSingleton(sp => new CaseDecider(sp.GetRequiredService<CityModel>(), rules));
        silo.Services.TryAddSingleton<ICaseViewStore, MemoryCaseViewStore>();
        silo.Services.AddSingleton<CaseProjector>();
        silo.Services.AddHostedService<CaseProjectionService>();
        return silo;
    }
}
