using CityActors.Domain.Cases;
using CityActors.Domain.City;
using CityActors.GrainInterfaces.Cases;
using CityActors.Grains.Cases;

namespace CityActors.Grains.City;

/// <summary>
/// Org grains with work queues (operations centres and departments). The queues are derived data: rebuilt from the case
/// read model on activation and kept current by the case projection, which sends every change with the case's version.
/// </summary>
public abstract class WorkQueueGrainBase(CityModel city, IPersistentState<OrgRoster> roster, ICaseReadModel cases)
    : OrgGrainBase(city, roster), IWorkQueueGrain
{
    private readonly WorkQueues _queues = new();

    protected abstract WorkOwner Owner { get; }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        foreach (var view in await cases.QueuedForAsync(Owner, cancellationToken))
        {
            _queues.Apply(WorkQueues.For(view, Owner));
        }
    }

    public Task UpdateQueues(IReadOnlyList<QueuedCase> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        foreach (var update in updates)
        {
            _queues.Apply(update);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<QueuedCase>> GetQueue(WorkQueue queue) => Task.FromResult(_queues.In(queue));

    public Task<IReadOnlyDictionary<WorkQueue, int>> GetQueueCounts() => Task.FromResult(_queues.Counts());
}
