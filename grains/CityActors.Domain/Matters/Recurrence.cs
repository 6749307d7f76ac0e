namespace CityActors.Domain.Matters;

/// <summary>What a sensor condition of this matter does when it comes back after its case closed.</summary>
public enum Recurrence
{
    /// <summary>A new case (the default).</summary>
    NewCase,

    /// <summary>The last case is reopened while the reopen window allows, else a new case.</summary>
    Reopen,
}
