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
