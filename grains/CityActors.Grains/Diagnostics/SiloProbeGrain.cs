using CityActors.GrainInterfaces.Diagnostics;
using Orleans.Placement;

namespace CityActors.Grains.Diagnostics;

/// <inheritdoc cref="ISiloProbeGrain"/>
[PreferLocalPlacement]
public sealed class SiloProbeGrain(TimeProvider time) : Grain, ISiloProbeGrain
{
    private DateTimeOffset _activatedAt;
    private long _probes;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activatedAt = time.GetUtcNow();
        return Task.CompletedTask;
    }

    public Task<ProbeReply> Ping() => Task.FromResult(new ProbeReply(this.GetPrimaryKeyString(), _activatedAt, ++_probes));
}
