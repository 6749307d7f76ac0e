namespace CityActors.Domain.Cases;

/// <summary>
/// The kinds of org unit that keep a staff roster. Each staff <see cref="Role"/> is held at exactly one of them (see
/// <see cref="StaffRoles"/>), and the unit's code is then the <see cref="Actor.Org"/> the case rules check.
/// </summary>
public enum StaffPost
{
    /// <summary>A grid cell (网格), by its grid code.</summary>
    GridCell,

    /// <summary>A community (社区/村), by its community code.</summary>
    Community,

    /// <summary>A city, district or street operations centre (城运中心), by its org unit code.</summary>
    OperationsCentre,

    /// <summary>A department (委办局/承办单位), by its department code.</summary>
    Department,
}
