using CityActors.Domain.Cases;
using CityActors.Domain.Matters;

namespace CityActors.Domain.Emergencies;

/// <summary>An emergency profile switched on by a centre for its area (the centre's unit and everything under it).</summary>
public sealed record ActiveEmergency(string CentreCode, string UnitCode, EmergencyProfile Profile, Actor By, string Reason, DateTimeOffset Since)
{
    /// <summary>The limits the profile sets for a new case of <paramref name="matter"/>; null when it sets none.</summary>
    public EmergencyTightening? TighteningFor(Matter matter)
    {
        ArgumentNullException.ThrowIfNull(matter);
        return Profile.MatterLimits.TryGetValue(matter.Code, out var limits) && limits.Count > 0
            ? new EmergencyTightening(Profile.Code, CentreCode, limits)
            : null;
    }
}
