namespace CityActors.Cluster.Tests;

/// <summary>Where grains are active, asked of the silos themselves through Orleans' management grain.</summary>
internal static class Activations
{
    /// <summary>The grain type of case grains.</summary>
    public const string Case = "case";

    /// <summary>The grain type of deadline shards (integer keys, written in hexadecimal).</summary>
    public const string DeadlineShard = "deadlineshard";

    /// <summary>
    /// The grains of <paramref name="grainType"/> active on <paramref name="hosts"/> (default: every active silo), with
    /// the silo of each activation. A grain active on two silos at once appears twice.
    /// </summary>
    public static async Task<IReadOnlyList<(string Key, SiloAddress Silo)>> OfAsync(ClusterClientHost client, string grainType, params SiloAddress[] hosts)
    {
        var statistics = await client.Management.GetDetailedGrainStatistics(hostsIds: hosts.Length == 0 ? null : hosts);
        return [.. statistics.Where(s => s.GrainId.Type.ToString() == grainType).Select(s => (s.GrainId.Key.ToString()!, s.SiloAddress))];
    }

    /// <inheritdoc cref="OfAsync"/>
    public static Task<IReadOnlyList<(string Key, SiloAddress Silo)>> OfCasesAsync(ClusterClientHost client, params SiloAddress[] hosts) =>
        OfAsync(client, Case, hosts);

    /// <summary>The active silos, by the process each belongs to.</summary>
    public static async Task<Dictionary<SiloAddress, SiloProcess>> HostsAsync(ClusterClientHost client, SiloCluster cluster)
    {
        var hosts = await client.Management.GetHosts(onlyActive: true);
        return hosts.Keys.ToDictionary(a => a, cluster.Of);
    }
}
