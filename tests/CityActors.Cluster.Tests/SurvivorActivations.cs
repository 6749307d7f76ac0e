using CityActors.GrainInterfaces.Diagnostics;

namespace CityActors.Cluster.Tests;

/// <summary>
/// Plain grains spread over the silos (the silo probe grain: placed on the silo whose gateway the call came through,
/// answering with the instant its activation started), to see whether a silo's death disturbs grains that lived on
/// the other silos: a grain whose activation instant changed was deactivated and activated again.
/// </summary>
internal sealed class SurvivorActivations
{
    private const string GrainType = "siloprobe";
    private readonly Dictionary<string, DateTimeOffset> _activatedAt;
    private readonly Dictionary<string, SiloAddress> _silo;

    private SurvivorActivations(Dictionary<string, DateTimeOffset> activatedAt, Dictionary<string, SiloAddress> silo) =>
        (_activatedAt, _silo) = (activatedAt, silo);

    /// <summary>Activates <paramref name="count"/> grains through the client's gateways and notes where and since when each runs.</summary>
    public static async Task<SurvivorActivations> ActivateAsync(ClusterClientHost client, string prefix, int count)
    {
        var replies = await Task.WhenAll(Enumerable.Range(0, count).Select(i => client.Grains.GetGrain<ISiloProbeGrain>($"{prefix}-{i}").Ping()));
        var silos = (await Activations.OfAsync(client, GrainType)).ToDictionary(a => a.Key, a => a.Silo, StringComparer.Ordinal);
        return new(replies.ToDictionary(r => r.GrainKey, r => r.ActivatedAt, StringComparer.Ordinal), silos);
    }

    /// <summary>Of the grains that lived outside <paramref name="dead"/>, how many there were and how many run in a new activation now.</summary>
    public async Task<(int Survivors, int Reactivated)> CountReactivatedAsync(ClusterClientHost client, SiloAddress dead)
    {
        var survivors = _activatedAt.Keys.Where(k => _silo.TryGetValue(k, out var silo) && !silo.Equals(dead)).ToList();
        var replies = await Task.WhenAll(survivors.Select(k => client.Grains.GetGrain<ISiloProbeGrain>(k).Ping()));
        return (survivors.Count, replies.Count(r => r.ActivatedAt != _activatedAt[r.GrainKey]));
    }
}
