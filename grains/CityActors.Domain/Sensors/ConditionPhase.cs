namespace CityActors.Domain.Sensors;

/// <summary>Where a rule's condition is. Stored as numbers: add new values at the end.</summary>
public enum ConditionPhase
{
    /// <summary>Not present.</summary>
    Clear,

    /// <summary>Seen, but not yet for the rule's minimum duration (debounce).</summary>
    Pending,

    /// <summary>Present: an alarm, with a case.</summary>
    Active,
}
