namespace CityActors.Domain.City;

/// <summary>Levels that run an operations centre (城运中心) and may own departments.</summary>
public static class OrgLevels
{
    public static bool HasOperationsCentre(this OrgLevel level) => level is OrgLevel.City or OrgLevel.District or OrgLevel.Street;

    public static OrgLevel? Parent(this OrgLevel level) => level == OrgLevel.City ? null : level - 1;
}
