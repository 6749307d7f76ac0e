namespace CityActors.Domain.Cases;

/// <summary>上报 through a channel; idempotent per channel and external id.</summary>
public sealed record ReportCase(Actor By, CaseReport Report) : CaseCommand(By);
