namespace CityActors.Deadlines.Tests.Cluster;

public sealed class DeadlineProbeGrain(IDeadlines service, DeliveryLog log) : Grain, IDeadlineProbeGrain, IDeadlineTarget
{
    private int _failuresLeft;

    public Task Set(string name, DateTimeOffset due) => service.SetAsync(this.GetGrainId(), name, due);

    // Concurrent sets from one grain: they share group-committed batches.
    public Task SetMany(List<ProbeDeadline> deadlines) =>
        Task.WhenAll(deadlines.Select(d => service.SetAsync(this.GetGrainId(), d.Name, d.Due)));

    public Task Cancel(string name) => service.CancelAsync(this.GetGrainId(), name);

    public async Task<Dictionary<string, DateTimeOffset>> Get() => new(await service.GetAsync(this.GetGrainId()));

    public Task FailNextDeliveries(int count)
    {
        _failuresLeft = count;
        return Task.CompletedTask;
    }

    public Task OnDeadlineApproaching()
    {
        log.RecordWake(this.GetGrainId());
        return Task.CompletedTask;
    }

    public Task OnDeadline(DeadlineFired deadline)
    {
        if (_failuresLeft > 0)
        {
            _failuresLeft--;
            throw new InvalidOperationException("The case store is briefly unavailable.");
        }

        log.Record(this.GetGrainId(), deadline);
        return Task.CompletedTask;
    }
}
