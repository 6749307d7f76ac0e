using CityActors.Domain.City;
using CityActors.Domain.Sensors;
using CityActors.Grains.Emergencies;
using CityActors.Grains.Vitals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CityActors.Grains.Sensors;

/// <summary>Registration of sensors, vital signs and emergency modes on a silo.</summary>
public static class SensorHosting
{
    /// <summary>
    /// Sensor rules and registration for the city in DI, this silo's reading rollup and its flush, the emergency modes'
    /// copy, and the fleet registration at start; settings from "CityActors:Sensors".
    /// </summary>
    public static ISiloBuilder AddSensors(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddOptions<SensorOptions>().BindConfiguration(SensorOptions.SectionName).Validate(
            o => o.MaxClockSkew >= TimeSpan.Zero && o.CheckpointInterval > TimeSpan.Zero && o.VitalsFlushInterval > TimeSpan.Zero
                && o.EmergencyRefresh >= TimeSpan.Zero && o.IngestParallelism > 0 && o.SimulatedAlarmProbability is >= 0 and <= 1,
            "CityActors:Sensors: intervals must be positive (MaxClockSkew and EmergencyRefresh may be zero), IngestParallelism at least 1 and SimulatedAlarmProbability 0–1.").ValidateOnStart();
        silo.Services.AddSingleton(sp => new SensorRegistrar(sp.GetRequiredService<CityModel>(), sp.GetRequiredService<CityModel>().Sensors));
        silo.Services.AddSingleton(sp => new SensorMonitor(sp.GetRequiredService<IOptions<SensorOptions>>().Value.MaxClockSkew));
        silo.Services.AddSingleton<EmergencyModes>();
        silo.Services.AddSingleton<SiloReadingRollup>();
        silo.Services.AddSingleton<VitalsFlushService>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<VitalsFlushService>());
        silo.Services.AddSingleton<FleetRegistration>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<FleetRegistration>());
        silo.Services.AddSingleton<FleetSimulation>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<FleetSimulation>());
        return silo;
    }
}
