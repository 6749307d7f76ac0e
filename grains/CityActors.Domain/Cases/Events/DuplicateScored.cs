namespace CityActors.Domain.Cases;

/// <summary>A learned model scored the report against the nearest open case of its matter at intake; a
/// <see cref="DuplicatesFlagged"/> follows when the score reaches the model's threshold.</summary>
public sealed record DuplicateScored(EventMeta Meta, DuplicateAssessment Assessment) : CaseEvent(Meta);
