using CityActors.Domain.Cases;

namespace CityActors.GrainInterfaces.Cases;

/// <summary>The work queues of an operations centre or a department, kept current by the case projection.</summary>
[Alias("cityactors.work-queue")]
public interface IWorkQueueGrain : IGrainWithStringKey
{
    /// <summary>Applies updates that are newer than what the queue holds for each case (older or repeated ones are ignored).</summary>
    [Alias("update")]
    Task UpdateQueues(IReadOnlyList<QueuedCase> cases);

    [Alias("queue"), ReadOnly]
    Task<IReadOnlyList<QueuedCase>> GetQueue(WorkQueue queue);

    [Alias("counts"), ReadOnly]
    Task<IReadOnlyDictionary<WorkQueue, int>> GetQueueCounts();
}
