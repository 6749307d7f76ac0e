namespace CityActors.Domain.Cases;

/// <summary>处理反馈: the department reports its sub-task done.</summary>
public sealed record AssignmentHandled(EventMeta Meta, string Department) : CaseEvent(Meta);
