namespace CityActors.Domain.City;

/// <summary>The five levels of the city hierarchy (city → district → street → community → grid).</summary>
public enum OrgLevel
{
    /// <summary>市: the whole city; runs the city operations centre.</summary>
    City = 1,

    /// <summary>区: a district; runs a district operations centre.</summary>
    District = 2,

    /// <summary>街道/镇: a street or town; runs a street operations centre.</summary>
    Street = 3,

    /// <summary>社区/村: a community; acts through community workers.</summary>
    Community = 4,

    /// <summary>网格: a grid cell; patrolled by grid inspectors.</summary>
    Grid = 5,
}

/// <summary>Levels that run an operations centre (城运中心) and may own departments.</summary>
public static class OrgLevels
{
    public static bool HasOperationsCentre(this OrgLevel level) => level is OrgLevel.City or OrgLevel.District or OrgLevel.Street;

    public static OrgLevel? Parent(this OrgLevel level) => level == OrgLevel.City ? null : level - 1;
}
