using System.Text.Json;
using CityActors.Runtime.Cluster;
using CityActors.Runtime.Hosting;

namespace CityActors;

/// <summary>Settings of a cluster client, bound from "CityActors:Client".</summary>
public sealed class ClusterClientOptions
{
    public const string SectionName = "CityActors:Client";

    /// <summary>Gateway endpoints (any silos' host:port) to learn the shard map from. One reachable gateway is enough.</summary>
    public IList<string> Gateways { get; } = [];

    public TimeSpan DefaultCallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the shard map is refreshed even when no call failed.</summary>
    public TimeSpan MapRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// How front-ends reach a cluster: learns the shard map from gateway silos, then sends each call straight to the
/// owner of the grain's shard over multiplexed TCP, following "not owner" answers and shard moves within each call's
/// deadline. It needs only gateway endpoints (never database credentials) and keeps working while any silo in the
/// map answers, including when the configured gateways are gone.
/// </summary>
public sealed class ClusterClient : IGrainFactory, IAsyncDisposable
{
    private readonly ClusterGrainRuntime _router;
    private readonly ShardMapHolder _maps;
    private readonly IReadOnlyList<string> _gateways;
    private readonly ITimer _refreshTimer;
    private readonly object _refreshLock = new();
    private Task? _refreshing;

    private ClusterClient(ClusterClientOptions options, ShardMap first, TimeProvider time, JsonSerializerOptions json)
    {
        _gateways = [.. options.Gateways];
        _maps = new ShardMapHolder(first.ShardCount);
        _maps.Publish(first);
        _router = new ClusterGrainRuntime(_maps, local: null, Guid.Empty, time, json, options.DefaultCallTimeout, TimeSpan.FromMilliseconds(200), options.ConnectTimeout);
        _maps.UseRefresh(RefreshAsync);
        _refreshTimer = time.CreateTimer(static s => _ = ((ClusterClient)s!).RefreshAsync(), this, options.MapRefreshInterval, options.MapRefreshInterval);
    }

    /// <summary>Shards in the connected cluster.</summary>
    public int ShardCount => _maps.Current.ShardCount;

    /// <summary>Connects to the cluster through the first gateway that answers.</summary>
    /// <exception cref="SiloUnavailableException">No gateway answered; the message lists each one's error.</exception>
    public static async Task<ClusterClient> ConnectAsync(ClusterClientOptions options, TimeProvider? time = null, JsonSerializerOptions? json = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Gateways.Count == 0)
        {
            throw new ArgumentException($"{ClusterClientOptions.SectionName}:Gateways must list at least one gateway endpoint (host:port).", nameof(options));
        }

        time ??= TimeProvider.System;
        json ??= new GrainJsonOptions([]).Options;
        var bootstrapMaps = new ShardMapHolder(1);
        var bootstrap = new ClusterGrainRuntime(bootstrapMaps, null, Guid.Empty, time, json, options.DefaultCallTimeout, TimeSpan.FromSeconds(1), options.ConnectTimeout);
        try
        {
            var first = await bootstrap.FetchMapAsync([.. options.Gateways]).ConfigureAwait(false);
            return new ClusterClient(options, first, time, json);
        }
        finally
        {
            await bootstrap.DisposeAsync().ConfigureAwait(false);
        }
    }

    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey => _router.GetGrain<TGrainInterface>(key);

    public TGrainInterface GetGrain<TGrainInterface>(Guid key)
        where TGrainInterface : IGrainWithGuidKey => _router.GetGrain<TGrainInterface>(key);

    public TGrainInterface GetGrain<TGrainInterface>(long key)
        where TGrainInterface : IGrainWithIntegerKey => _router.GetGrain<TGrainInterface>(key);

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IGrain => _router.GetGrain<TGrainInterface>(grainId);

    public async ValueTask DisposeAsync()
    {
        await _refreshTimer.DisposeAsync().ConfigureAwait(false);
        await _router.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>One refresh at a time; callers that arrive meanwhile share it.</summary>
    private Task RefreshAsync()
    {
        lock (_refreshLock)
        {
            if (_refreshing is { IsCompleted: false } running)
            {
                return running;
            }

            return _refreshing = FetchAsync();
        }
    }

    private async Task FetchAsync()
    {
        // Silos in the current map first (they are the live ones), then the configured gateways. A silo that is
        // stalled or partitioned may still answer with an old map, so keep asking until one is newer than ours.
        var current = _maps.Current;
        var endpoints = current.Routes.ToArray()
            .Where(r => r.Endpoint is not null)
            .Select(r => r.Endpoint!)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(_ => Random.Shared.Next())
            .Concat(_gateways)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var endpoint in endpoints)
        {
            ShardMap map;
            try
            {
                map = await _router.FetchMapAsync([endpoint]).ConfigureAwait(false);
            }
            catch (SiloUnavailableException)
            {
                continue;
            }

            if (map.ShardCount == current.ShardCount && map.Version > _maps.Current.Version)
            {
                _maps.Publish(map);
                return;
            }
        }
    }
}
