namespace CityActors.Domain.Matters;

/// <summary>Who is asked first when a case is dispatched.</summary>
public enum DispatchRule
{
    /// <summary>先属主后属地: the asset's owner, then the territory. The default for components.</summary>
    OwnerFirst,

    /// <summary>先属地后属主: the territory's department, then the owner. The default for events.</summary>
    TerritoryFirst,
}
