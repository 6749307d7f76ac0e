using CityActors.GrainInterfaces.Diagnostics;

namespace CityActors.Grains.Diagnostics;

/// <inheritdoc cref="ISiloProbeGrain"/>
public sealed class SiloProbeGrain : Grain, ISiloProbeGrain
{
    private DateTimeOffset _activatedAt;
    private long _probes;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activatedAt = TimeProvider.GetUtcNow();
        return Task.CompletedTask;
    }

    public Task<ProbeReply> Ping() => Task.FromResult(new ProbeReply(this.GetPrimaryKeyString(), _activatedAt, ++_probes));
}
