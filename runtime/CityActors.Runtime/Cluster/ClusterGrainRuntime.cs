using System.Collections.Concurrent;
using System.Text.Json;
using CityActors.Runtime.Hosting;
using CityActors.Runtime.Invocation;
using CityActors.Runtime.Messaging;

namespace CityActors.Runtime.Cluster;

/// <summary>Supplies the shard map a router uses and refreshes it on demand.</summary>
internal interface IShardMapSource
{
    ShardMap Current { get; }

    /// <summary>Completes when a map at least as new as the cluster's state at the time of the call is current.</summary>
    Task RefreshAsync();
}

/// <summary>
/// The clustered call path, shared by silos and the cluster client: finds the grain's shard owner in the cached shard
/// map and delivers the call locally (silo owns the shard) or over one multiplexed connection per peer. "Not owner"
/// answers, unowned shards and unreachable peers make it refresh the map and try again with backoff until the
/// call's deadline; calls that may have run on a peer that then vanished are failed, never repeated.
/// </summary>
internal sealed class ClusterGrainRuntime : GrainFactoryBase, IOutboundOwner, IAsyncDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<string, Task<OutboundConnection>> _connections = new(StringComparer.Ordinal);
    private readonly IShardMapSource _maps;
    private readonly LocalGrainRuntime? _local;
    private readonly Guid _localSilo;
    private readonly TimeProvider _time;
    private readonly TimeSpan _defaultTimeout;
    private readonly TimeSpan _connectTimeout;
    private readonly ITimer _deadlineSweep;
    private volatile bool _disposed;

    public ClusterGrainRuntime(
        IShardMapSource maps,
        LocalGrainRuntime? local,
        Guid localSilo,
        TimeProvider time,
        JsonSerializerOptions json,
        TimeSpan defaultTimeout,
        TimeSpan deadlineCheckInterval,
        TimeSpan connectTimeout)
    {
        _maps = maps;
        _local = local;
        _localSilo = localSilo;
        _time = time;
        Json = json;
        _defaultTimeout = defaultTimeout;
        _connectTimeout = connectTimeout;
        _deadlineSweep = time.CreateTimer(static s => ((ClusterGrainRuntime)s!).SweepDeadlines(), this, deadlineCheckInterval, deadlineCheckInterval);
    }

    public JsonSerializerOptions Json { get; }

    public override void Send(GrainReference target, GrainRequest request, CancellationToken cancellationToken)
    {
        Stamp(_time, target.GrainId, request, _defaultTimeout, cancellationToken);
        Telemetry.StartCall(request);
        Route(request, target);
    }

    /// <summary>Sends a stamped request to its shard's current owner.</summary>
    public void Route(GrainRequest request, GrainReference? reference = null)
    {
        if (request.IsCompleted)
        {
            return;
        }

        var map = _maps.Current;
        var route = map[request.Target.GetShard(map.ShardCount)];
        if (route.Endpoint is null)
        {
            RetryLater(request, $"no live silo owns shard {request.Target.GetShard(map.ShardCount)}");
        }
        else if (_local is not null && route.SiloId == _localSilo)
        {
            _local.SendStamped(reference, request);
        }
        else
        {
            SendRemote(route.Endpoint, request);
        }
    }

    /// <summary>A local activation could not be created because this silo does not serve the shard (any more).</summary>
    public void RerouteFromCatalog(GrainRequest request) => RetryLater(request, "this silo does not serve the grain's shard");

    void IOutboundOwner.OnNotOwner(GrainRequest request, string remote) => RetryLater(request, $"silo {remote} answered that it does not own the grain's shard");

    void IOutboundOwner.OnGoAway(OutboundConnection connection)
    {
        foreach (var entry in _connections)
        {
            if (entry.Value.IsCompletedSuccessfully && ReferenceEquals(entry.Value.Result, connection))
            {
                _connections.TryRemove(entry);
            }
        }
    }

    /// <summary>Asks any of <paramref name="endpoints"/> for its shard map.</summary>
    public async Task<ShardMap> FetchMapAsync(IReadOnlyList<string> endpoints)
    {
        var errors = new List<string>();
        foreach (var endpoint in endpoints)
        {
            try
            {
                var connection = await GetConnectionAsync(endpoint).ConfigureAwait(false);
                return await connection.RequestMapAsync().WaitAsync(_connectTimeout, _time).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SiloUnavailableException or TimeoutException or InvalidDataException)
            {
                errors.Add($"{endpoint}: {ex.Message}");
            }
        }

        throw new SiloUnavailableException($"No gateway answered with a shard map ({string.Join("; ", errors)}).");
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await _deadlineSweep.DisposeAsync().ConfigureAwait(false);
        foreach (var connection in _connections.Values)
        {
            if (connection.IsCompletedSuccessfully)
            {
                await connection.Result.DisposeAsync().ConfigureAwait(false);
            }
        }

        _connections.Clear();
    }

    private void SendRemote(string endpoint, GrainRequest request)
    {
        var remaining = request.DeadlineTimestamp - _time.GetTimestamp();
        if (remaining <= 0)
        {
            request.ExpireDeadline("before it could be sent");
            return;
        }

        var milliseconds = (int)Math.Clamp(remaining * 1000.0 / _time.TimestampFrequency, 1, int.MaxValue);
        if (_connections.TryGetValue(endpoint, out var pending) && pending.IsCompletedSuccessfully && pending.Result.SendRequest(request, milliseconds))
        {
            return;
        }

        _ = ConnectAndSendAsync(endpoint, request, milliseconds);
    }

    private async Task ConnectAndSendAsync(string endpoint, GrainRequest request, int milliseconds)
    {
        try
        {
            var connection = await GetConnectionAsync(endpoint).ConfigureAwait(false);
            if (!connection.SendRequest(request, milliseconds))
            {
                RetryLater(request, $"connection to silo {endpoint} closed before the call was sent");
            }
        }
        catch (SiloUnavailableException ex)
        {
            RetryLater(request, ex.Message);
        }
    }

    private async Task<OutboundConnection> GetConnectionAsync(string endpoint)
    {
        if (_disposed)
        {
            throw new SiloUnavailableException("The cluster connection is shut down.");
        }

        while (true)
        {
            var existing = _connections.GetOrAdd(endpoint, e => OutboundConnection.ConnectAsync(e, this, _connectTimeout, CancellationToken.None));
            try
            {
                var connection = await existing.ConfigureAwait(false);
                if (!connection.IsClosed)
                {
                    return connection;
                }
            }
            catch (SiloUnavailableException)
            {
                _connections.TryRemove(KeyValuePair.Create(endpoint, existing));
                throw;
            }

            _connections.TryRemove(KeyValuePair.Create(endpoint, existing));
        }
    }

    private void RetryLater(GrainRequest request, string reason)
    {
        if (request.IsCompleted)
        {
            return;
        }

        var attempt = ++request.RouteAttempts;
        _ = RetryAsync(request, attempt, reason);
    }

    private async Task RetryAsync(GrainRequest request, int attempt, string reason)
    {
        try
        {
            await _maps.RefreshAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SiloUnavailableException or TimeoutException)
        {
            reason = $"{reason}; refreshing the shard map failed: {ex.Message}";
        }

        if (attempt > 1)
        {
            var backoff = TimeSpan.FromMilliseconds(Math.Min(10 * Math.Pow(2, attempt - 2), MaxBackoff.TotalMilliseconds));
            await Task.Delay(backoff, _time).ConfigureAwait(false);
        }

        if (_time.GetTimestamp() >= request.DeadlineTimestamp)
        {
            request.ExpireDeadline($"routing gave up at the deadline: {reason}");
            return;
        }

        Route(request);
    }

    private void SweepDeadlines()
    {
        var now = _time.GetTimestamp();
        foreach (var connection in _connections.Values)
        {
            if (connection.IsCompletedSuccessfully)
            {
                connection.Result.SweepDeadlines(now);
            }
        }
    }
}
