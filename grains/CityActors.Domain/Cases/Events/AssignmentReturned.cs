namespace CityActors.Domain.Cases;

/// <summary>退单: the department says the case is not theirs; a lead's return sends the case back for re-dispatch.</summary>
public sealed record AssignmentReturned(EventMeta Meta, string Department) : CaseEvent(Meta);
