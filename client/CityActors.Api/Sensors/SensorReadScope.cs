using CityActors.Api.Security;
using CityActors.Domain.Cases;
using CityActors.Domain.Sensors;

namespace CityActors.Api.Sensors;

/// <summary>
/// Who may see a sensor: the sensor platform; centre staff over its grid cell (its street, district or the city);
/// the grid inspector of its cell and the community workers of its community; staff of the department that owns it.
/// Anyone else is answered as if the sensor did not exist.
/// </summary>
public static class SensorReadScope
{
    public static bool Allows(Actor caller, SensorDefinition sensor)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(sensor);
        if (caller.Role == Role.System || (caller.Role == Role.ChannelSystem && caller.Org == nameof(Channel.Sensor)))
        {
            return true;
        }

        return caller.Org is { } org && StaffRoles.PostOf(caller.Role) switch
        {
            StaffPost.OperationsCentre or StaffPost.Community => UnitScope.IsWithin(sensor.GridCode, org),
            StaffPost.GridCell => org == sensor.GridCode,
            StaffPost.Department => org == sensor.DepartmentCode,
            _ => false,
        };
    }
}
