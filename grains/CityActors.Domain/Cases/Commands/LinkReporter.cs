namespace CityActors.Domain.Cases;

/// <summary>A merged duplicate's reporter now follows this case (sent by the cluster once the merge is committed).</summary>
public sealed record LinkReporter(Actor By, string FromCaseId, Reporter? Reporter) : CaseCommand(By);
