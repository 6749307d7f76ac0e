using CityActors.Runtime.Messaging;

namespace CityActors.Runtime.Cluster;

/// <summary>Where a shard lives: its owner silo and endpoint (null when nobody owns it) and the lease epoch.</summary>
internal readonly record struct ShardRoute(Guid SiloId, string? Endpoint, long Epoch);

/// <summary>
/// An immutable snapshot of shard → owner. Silos build it from heartbeats; clients fetch it from gateways. Its
/// version is the sum of all epochs, which only grows, so the newer of two maps is the one with the larger version.
/// </summary>
internal sealed class ShardMap
{
    private readonly ShardRoute[] _routes;

    public ShardMap(ShardRoute[] routes)
    {
        _routes = routes;
        Version = routes.Sum(r => r.Epoch);
    }

    public int ShardCount => _routes.Length;

    public long Version { get; }

    public ShardRoute this[int shard] => _routes[shard];

    public static ShardMap Empty(int shardCount) => new(new ShardRoute[shardCount]);

    /// <summary>A map from stored leases: expired or released shards have no route.</summary>
    public static ShardMap From(IReadOnlyList<ShardAssignment> shards, IReadOnlyList<SiloInfo> silos, int shardCount)
    {
        var endpoints = silos.ToDictionary(s => s.SiloId, s => s.Endpoint);
        var routes = new ShardRoute[shardCount];
        foreach (var shard in shards)
        {
            if (shard.Shard < shardCount && shard.SiloId is { } owner && !shard.Expired && endpoints.TryGetValue(owner, out var endpoint))
            {
                routes[shard.Shard] = new ShardRoute(owner, endpoint, shard.Epoch);
            }
            else if (shard.Shard < shardCount)
            {
                routes[shard.Shard] = new ShardRoute(Guid.Empty, null, shard.Epoch);
            }
        }

        return new ShardMap(routes);
    }

    /// <summary>How many shards each silo owns in this map.</summary>
    public Dictionary<Guid, int> CountBySilo()
    {
        var counts = new Dictionary<Guid, int>();
        foreach (var route in _routes)
        {
            if (route.Endpoint is not null)
            {
                counts[route.SiloId] = counts.GetValueOrDefault(route.SiloId) + 1;
            }
        }

        return counts;
    }

    internal ReadOnlySpan<ShardRoute> Routes => _routes;
}

/// <summary>The shard map on the wire: silos once (id, endpoint), then per shard the silo's index (-1: none) and epoch.</summary>
internal static class ShardMapCodec
{
    public static void Write(WireWriter writer, ShardMap map)
    {
        var silos = new Dictionary<Guid, int>();
        var order = new List<ShardRoute>();
        foreach (var route in map.Routes)
        {
            if (route.Endpoint is not null && silos.TryAdd(route.SiloId, silos.Count))
            {
                order.Add(route);
            }
        }

        writer.WriteInt32(map.ShardCount);
        writer.WriteInt32(order.Count);
        foreach (var silo in order)
        {
            writer.WriteGuid(silo.SiloId);
            writer.WriteString(silo.Endpoint!);
        }

        foreach (var route in map.Routes)
        {
            writer.WriteInt32(route.Endpoint is null ? -1 : silos[route.SiloId]);
            writer.WriteInt64(route.Epoch);
        }
    }

    public static ShardMap Read(ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body);
        var shardCount = reader.ReadInt32();
        var siloCount = reader.ReadInt32();
        if (shardCount is < 1 or > 1 << 20 || siloCount < 0 || siloCount > shardCount)
        {
            throw new InvalidDataException($"Invalid shard map header ({shardCount} shards, {siloCount} silos).");
        }

        var silos = new (Guid Id, string Endpoint)[siloCount];
        for (var i = 0; i < siloCount; i++)
        {
            silos[i] = (reader.ReadGuid(), reader.ReadString());
        }

        var routes = new ShardRoute[shardCount];
        for (var shard = 0; shard < shardCount; shard++)
        {
            var index = reader.ReadInt32();
            var epoch = reader.ReadInt64();
            routes[shard] = index < 0 || index >= siloCount ? new ShardRoute(Guid.Empty, null, epoch) : new ShardRoute(silos[index].Id, silos[index].Endpoint, epoch);
        }

        return new ShardMap(routes);
    }
}
