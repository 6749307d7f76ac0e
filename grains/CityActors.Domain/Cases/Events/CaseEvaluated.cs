namespace CityActors.Domain.Cases;

/// <summary>评价/回访: satisfaction from 1 (very unsatisfied) to 5 (very satisfied).</summary>
public sealed record CaseEvaluated(EventMeta Meta, int Satisfaction) : CaseEvent(Meta);
