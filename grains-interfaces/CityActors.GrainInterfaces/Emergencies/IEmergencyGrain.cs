using CityActors.Domain.Cases;
using CityActors.Domain.Emergencies;

namespace CityActors.GrainInterfaces.Emergencies;

/// <summary>The city's emergency modes (平战切换), key 0: which centres have switched their area to which profile, and the journal of every switch.</summary>
[Alias("cityactors.emergency")]
public interface IEmergencyGrain : IGrainWithIntegerKey
{
    /// <exception cref="CaseCommandException">Refused (unknown centre or profile, not a leader of that centre, no reason, already on).</exception>
    [Alias("switch-on")]
    Task<EmergencySwitch> SwitchOn(Actor by, string centreCode, string profileCode, string reason);

    /// <exception cref="CaseCommandException">Refused (unknown centre, not a leader of that centre, no reason, not on).</exception>
    [Alias("switch-off")]
    Task<EmergencySwitch> SwitchOff(Actor by, string centreCode, string reason);

    [Alias("active"), ReadOnly]
    Task<IReadOnlyList<ActiveEmergency>> GetActive();

    [Alias("journal"), ReadOnly]
    Task<IReadOnlyList<EmergencySwitch>> GetJournal();
}
