using System.Collections.Concurrent;
using System.Text.Json;
using CityActors.Runtime.Cluster;
using CityActors.Runtime.Hosting;
using CityActors.Runtime.Invocation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityActors.Runtime.Activations;

/// <summary>
/// The silo's directory of live activations: exactly one per grain id. Creates activations on first call, forwards
/// requests that reached a departing activation, and runs the two maintenance sweeps (deadlines and idle collection)
/// on the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class Catalog : IDisposable
{
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();
    private readonly GrainClassRegistry _classes;
    private readonly Cluster.IShardOwnership _ownership;
    private ITimer? _deadlineSweep;
    private ITimer? _collectionSweep;
    private volatile bool _stopping;

    public Catalog(
        IOptions<SiloOptions> options,
        GrainClassRegistry classes,
        IServiceProvider services,
        TimeProvider time,
        GrainJsonOptions json,
        RuntimeMetrics metrics,
        Cluster.IShardOwnership ownership,
        ILogger<Catalog> logger)
    {
        _ownership = ownership;
        Options = options.Value;
        _classes = classes;
        Services = services;
        Time = time;
        Json = json.Options;
        Metrics = metrics;
        Log = new RuntimeLog(logger);
        metrics.ObserveMailboxDepth(() => _activations.Values.Sum(a => (long)a.OutstandingCount));
    }

    public SiloOptions Options { get; }

    public IServiceProvider Services { get; }

    public TimeProvider Time { get; }

    public JsonSerializerOptions Json { get; }

    public RuntimeMetrics Metrics { get; }

    public RuntimeLog Log { get; }

    public int Count => _activations.Count;

    /// <summary>
    /// Where requests for shards this silo does not serve go (clustered mode: back to the router, which finds the
    /// owner). Requests that arrived over the network are answered "not owner" instead.
    /// </summary>
    public Action<GrainRequest>? Reroute { get; set; }

    public long ToTimestampTicks(TimeSpan span) => GrainFactoryBase.ToTimestampTicks(Time, span);

    public void Start()
    {
        _deadlineSweep = Time.CreateTimer(static s => ((Catalog)s!).SweepDeadlines(), this, Options.DeadlineCheckInterval, Options.DeadlineCheckInterval);
        _collectionSweep = Time.CreateTimer(static s => ((Catalog)s!).SweepIdle(), this, Options.CollectionQuantum, Options.CollectionQuantum);
    }

    /// <summary>Delivers <paramref name="request"/> to the activation of <paramref name="grainId"/>, creating it if needed.</summary>
    /// <returns>The activation that took the request, or null if the request was failed instead.</returns>
    public Activation? Dispatch(GrainId grainId, GrainRequest request)
    {
        while (true)
        {
            if (!_activations.TryGetValue(grainId, out var activation))
            {
                if (_stopping)
                {
                    request.TryFail(new SiloUnavailableException($"Silo '{Options.SiloName}' is shutting down; call to {grainId} refused."));
                    return null;
                }

                if (!_classes.TryGet(grainId.Type, out var grainClass))
                {
                    request.TryFail(new GrainConfigurationException(
                        $"No grain class for grain type '{grainId.Type}' is registered in silo '{Options.SiloName}' (call {request.InterfaceName}.{request.MethodName} to {grainId})."));
                    return null;
                }

                var shard = grainId.GetShard(Options.ShardCount);
                if (!_ownership.TryGetServingEpoch(shard, out var epoch))
                {
                    NotServed(request, shard);
                    return null;
                }

                var created = new Activation(this, grainId, grainClass, new FencingToken(shard, epoch));
                activation = _activations.GetOrAdd(grainId, created);
            }

            if (activation.TryEnqueueRequest(request))
            {
                return activation;
            }

            // It deactivated between lookup and enqueue; drop the stale entry and try again.
            _activations.TryRemove(KeyValuePair.Create(grainId, activation));
        }
    }

    public void Forward(GrainRequest request) => Dispatch(request.Target, request);

    /// <summary>
    /// Deactivates every activation of <paramref name="shards"/> (running OnDeactivateAsync, so grains can persist) and
    /// waits until they are gone. Requests queued on them are forwarded, which sends them to the shard's new owner.
    /// </summary>
    public Task DeactivateShardsAsync(IReadOnlySet<int> shards, DeactivationReason reason, CancellationToken cancellationToken) =>
        DeactivateAsync(a => shards.Contains(a.Fence.Shard), reason, cancellationToken);

    /// <summary>Deactivates the selected activations and waits until they are gone or <paramref name="cancellationToken"/> fires.</summary>
    private async Task DeactivateAsync(Func<Activation, bool> selected, DeactivationReason reason, CancellationToken cancellationToken)
    {
        var pending = new List<Task>();
        foreach (var activation in _activations.Values)
        {
            if (selected(activation) && activation.EnqueueDeactivation(reason))
            {
                pending.Add(activation.WhenInvalidated());
            }
        }

        try
        {
            await Task.WhenAll(pending).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Log.ShutdownIncomplete(pending.Count(t => !t.IsCompleted));
        }
    }

    private void NotServed(GrainRequest request, int shard)
    {
        if (request.IsRemote || Reroute is not { } reroute)
        {
            request.TryFail(new NotShardOwnerException(shard, Options.SiloName));
            return;
        }

        reroute(request);
    }

    public void Remove(Activation activation) => _activations.TryRemove(KeyValuePair.Create(activation.GrainId, activation));

    /// <summary>Refuses new activations, deactivates every live one (running OnDeactivateAsync) and waits for them.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        _deadlineSweep?.Dispose();
        _collectionSweep?.Dispose();
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, $"Silo '{Options.SiloName}' is shutting down.");
        await DeactivateAsync(_ => true, reason, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets every activation without running any grain code (the silo is being killed).</summary>
    public void Abandon()
    {
        _stopping = true;
        _deadlineSweep?.Dispose();
        _collectionSweep?.Dispose();
        _activations.Clear();
    }

    public void Dispose()
    {
        _deadlineSweep?.Dispose();
        _collectionSweep?.Dispose();
    }

    private void SweepDeadlines()
    {
        foreach (var activation in _activations.Values)
        {
            if (activation.HasOutstandingRequests)
            {
                activation.ScheduleDeadlineCheck();
            }
        }
    }

    private void SweepIdle()
    {
        var now = Time.GetTimestamp();
        foreach (var activation in _activations.Values)
        {
            var age = activation.GrainClass.CollectionAge ?? Options.CollectionAge;
            if (!activation.HasOutstandingRequests && now - activation.LastActivityTimestamp >= ToTimestampTicks(age))
            {
                activation.EnqueueCollectionCheck(age);
            }
        }
    }
}
