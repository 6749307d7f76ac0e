using CityActors.Domain.Cases;
using CityActors.Domain.City;

namespace CityActors.Domain.Sensors;

/// <summary>Who may register sensors and send readings.</summary>
public static class SensorAccess
{
    /// <summary>
    /// The sensor platform and the runtime register anywhere; centre staff register in their centre's area; department
    /// clerks register the sensors their department owns.
    /// </summary>
    public static bool MayRegister(Actor actor, SensorDefinition sensor, CityModel city)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(city);
        return actor.Role switch
        {
            Role.ChannelSystem => actor.Org == nameof(Channel.Sensor),
            Role.System => true,
            Role.CentreOperator or Role.CentreLeader => actor.Org is { } unit && city.Lineage(sensor.GridCode).Any(u => u.Code == unit),
            Role.DepartmentClerk => actor.Org == sensor.DepartmentCode,
            _ => false,
        };
    }

    /// <summary>Readings come from the sensor platform (or the runtime's own generators).</summary>
    public static bool MaySendReadings(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role == Role.System || (actor.Role == Role.ChannelSystem && actor.Org == nameof(Channel.Sensor));
    }
}
