namespace CityActors.Domain.Cases;

/// <summary>The kinds of <see cref="WorkOwner"/>: operations centres and departments.</summary>
public enum OwnerKind
{
    /// <summary>An operations centre, by its org unit code (the key of its grain).</summary>
    Centre,

    /// <summary>A department, by its department code.</summary>
    Department,
}
