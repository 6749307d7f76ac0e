namespace CityActors.Domain.Cases;

/// <summary>
/// A dispatch made without a person because a model's confidence cleared the gate; the <see cref="CaseDispatched"/>
/// that follows in the same append carries the assignment itself.
/// </summary>
public sealed record CaseAutoDispatched(EventMeta Meta, string Lead, string ModelVersion, double Confidence, double Threshold) : CaseEvent(Meta);
