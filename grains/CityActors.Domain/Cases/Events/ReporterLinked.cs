namespace CityActors.Domain.Cases;

/// <summary>A duplicate's reporter now follows this case.</summary>
public sealed record ReporterLinked(EventMeta Meta, string FromCaseId, Reporter? Reporter) : CaseEvent(Meta);
