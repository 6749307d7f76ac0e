namespace CityActors.Domain.Cases;

/// <summary>签收: the department took its sub-task and starts handling (处置).</summary>
public sealed record AssignmentSignedFor(EventMeta Meta, string Department) : CaseEvent(Meta);
