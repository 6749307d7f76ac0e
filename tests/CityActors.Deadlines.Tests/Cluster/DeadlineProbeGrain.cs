namespace CityActors.Deadlines.Tests.Cluster;

public sealed class DeadlineProbeGrain(IDeadlines service, DeliveryLog log) : Grain, IDeadlineProbeGrain, IDeadlineTarget
{
    public Task Set(string name, DateTimeOffset due) => service.SetAsync(this.GetGrainId(), name, due);

    // Concurrent sets from one grain: they share group-committed batches.
    public Task SetMany(List<ProbeDeadline> deadlines) =>
        Task.WhenAll(deadlines.Select(d => service.SetAsync(this.GetGrainId(), d.Name, d.Due)));

    public Task Cancel(string name) => service.CancelAsync(this.GetGrainId(), name);

    public async Task<Dictionary<string, DateTimeOffset>> Get() => new(await service.GetAsync(this.GetGrainId()));

    public Task OnDeadline(DeadlineFired deadline)
    {
        log.Record(this.GetGrainId(), deadline);
        return Task.CompletedTask;
    }
}
