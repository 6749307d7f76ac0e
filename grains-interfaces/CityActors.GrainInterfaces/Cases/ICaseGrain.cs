using CityActors.Domain.Cases;

namespace CityActors.GrainInterfaces.Cases;

/// <summary>
/// One case (案件), keyed by its id ("{channel prefix}-{external id}", see <see cref="Channels.CaseIdFor"/>). Every
/// command is checked and journaled; the journal is the audit trail.
/// </summary>
[Alias("cityactors.case")]
public interface ICaseGrain : IGrainWithStringKey
{
    /// <summary>Runs a public command and returns the case as it stands afterwards.</summary>
    /// <exception cref="CaseCommandException">The command was refused; nothing changed. System commands (clock ticks, reporter links) are refused as forbidden.</exception>
    [Alias("execute")]
    Task<CaseView> Execute(CaseCommand command);

    /// <summary>
    /// Files a report as <see cref="Execute"/> does and answers, beside the case, the city model's suggestions for it,
    /// computed in the same call (null when the city ships no model, or when the model failed: intake never does).
    /// A repeated report answers the case as it stands with the suggestions for what was first reported.
    /// </summary>
    /// <exception cref="CaseCommandException">The report was refused; nothing changed.</exception>
    [Alias("report")]
    Task<ReportedCase> Report(ReportCase command);

    /// <exception cref="CaseCommandException">The case does not exist (kind NotFound).</exception>
    [Alias("get"), AlwaysInterleave]
    Task<CaseView> Get();

    /// <summary>The journal: every event with who, role, org, when, reason and attachments.</summary>
    [Alias("history"), AlwaysInterleave]
    Task<IReadOnlyList<CaseEvent>> GetHistory();

    /// <summary>The public commands <paramref name="by"/> may issue now, as the decider rules (<see cref="CaseActions"/>), and the running clocks.</summary>
    /// <exception cref="CaseCommandException">The case does not exist (kind NotFound).</exception>
    [Alias("actions"), AlwaysInterleave]
    Task<CaseActionSheet> Actions(Actor by);
}

/// <summary>A filed case and the model's suggestions for it (null without a model).</summary>
[GenerateSerializer, Immutable, Alias("cityactors.reported-case")]
public sealed record ReportedCase([property: Id(0)] CaseView Case, [property: Id(1)] CaseSuggestionView? Suggestions);
