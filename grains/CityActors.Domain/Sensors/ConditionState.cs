namespace CityActors.Domain.Sensors;

/// <summary>One rule's condition on one sensor.</summary>
public sealed class ConditionState
{
    public string RuleCode { get; set; } = "";

    public ConditionPhase Phase { get; set; }

    /// <summary>When the current phase began (the first reading beyond the trigger while pending; the start while active).</summary>
    public DateTimeOffset? Since { get; set; }

    /// <summary>How many times the condition has started; numbers the cases it opens.</summary>
    public int Occurrences { get; set; }

    /// <summary>The case of the current occurrence, or of the last one after recovery (to reopen or to see it still open).</summary>
    public string? CaseId { get; set; }

    public ConditionState Copy() => (ConditionState)MemberwiseClone();
}
