using Orleans.Placement;

namespace CityActors.LoadTests.Grains;

/// <summary>
/// Answers pings. Placed on the silo of its first caller (prefer-local), so a benchmark decides where a ping grain
/// lives by which silo calls it first: cross-silo-calls activates them from silo B, then calls them from silo A.
/// </summary>
[PreferLocalPlacement]
public sealed class PingGrain(ILocalSiloDetails silo) : Grain, IPingGrain
{
    private int _calls;

    public ValueTask<int> Ping(int value)
    {
        _calls++;
        return ValueTask.FromResult(value + _calls);
    }

    public ValueTask<SiloAddress> Where() => ValueTask.FromResult(silo.SiloAddress);
}
