using CityActors.Domain.Cases;

namespace CityActors.GrainInterfaces.Cases;

/// <summary>
/// One case (案件), keyed by its id ("{channel prefix}-{external id}", see <see cref="Channels.CaseIdFor"/>). Every
/// command is checked and journaled; the journal is the audit trail.
/// </summary>
[GrainType("case")]
public interface ICaseGrain : IGrainWithStringKey
{
    /// <summary>Runs a command and returns the case as it stands afterwards.</summary>
    /// <exception cref="CaseCommandException">The command was refused; nothing changed.</exception>
    Task<CaseView> Execute(CaseCommand command);

    /// <exception cref="CaseCommandException">The case does not exist (kind NotFound).</exception>
    [ReadOnly]
    Task<CaseView> Get();

    /// <summary>The journal: every event with who, role, org, when, reason and attachments.</summary>
    [ReadOnly]
    Task<IReadOnlyList<CaseEvent>> GetHistory();
}

/// <summary>Where a case stands for one owner: the queues it is in there (none: remove it).</summary>
public sealed record QueuedCase(
    string CaseId,
    int Version,
    IReadOnlyList<WorkQueue> Queues,
    string MatterCode,
    CaseStatus Status,
    DateTimeOffset ReportedAt,
    DateTimeOffset? NextDeadline);

/// <summary>The work queues of an operations centre or a department, kept current by the case projection.</summary>
public interface IWorkQueueGrain : IGrainWithStringKey
{
    /// <summary>Applies updates that are newer than what the queue holds for each case (older or repeated ones are ignored).</summary>
    Task UpdateQueues(IReadOnlyList<QueuedCase> cases);

    [ReadOnly]
    Task<IReadOnlyList<QueuedCase>> GetQueue(WorkQueue queue);

    [ReadOnly]
    Task<IReadOnlyDictionary<WorkQueue, int>> GetQueueCounts();
}

/// <summary>Open cases of one square kilometre of the city (key "x:y" on the city's metric plane), for duplicate detection.</summary>
[GrainType("duplicate-tile")]
public interface IDuplicateTileGrain : IGrainWithStringKey
{
    Task Add(OpenCaseMark mark);

    Task Remove(string caseId);

    [ReadOnly]
    Task<IReadOnlyList<string>> FindNear(string matterCode, double x, double y, double radiusMeters, DateTimeOffset reportedSince);
}
