namespace CityActors.Domain.Cases;

/// <summary>处理反馈: the department's sub-task is done.</summary>
public sealed record ReportHandled(Actor By, string Department, string Feedback, IReadOnlyList<string>? Photos = null) : CaseCommand(By);
