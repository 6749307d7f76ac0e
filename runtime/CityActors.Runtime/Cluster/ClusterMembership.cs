using CityActors.Runtime.Activations;
using CityActors.Runtime.Hosting;
using CityActors.Runtime.Invocation;
using CityActors.Runtime.Messaging;
using CityActors.Runtime.Reminders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityActors.Runtime.Cluster;

/// <summary>
/// A silo's life in the cluster. Every <see cref="ClusterOptions.RenewInterval"/> it heartbeats and renews its leases
/// (one database round trip), drops shards whose lease it lost, publishes the shard map, and balances: claims free
/// shards up to its fair share and hands off surplus gradually (drain, deactivate so grains persist, release).
/// When renewals stop succeeding it stops serving before its leases can expire (self-fencing). On shutdown it hands
/// everything off and leaves.
/// </summary>
internal sealed class ClusterMembership : IAsyncDisposable
{
    private readonly IMembershipStore _store;
    private readonly ShardOwnership _ownership;
    private readonly Catalog _catalog;
    private readonly ReminderService _reminders;
    private readonly ShardMapHolder _maps;
    private readonly SiloListener _listener;
    private readonly SiloMessageHandler _handler;
    private readonly ClusterGrainRuntime _router;
    private readonly ClusterOptions _options;
    private readonly SiloOptions _silo;
    private readonly TimeProvider _time;
    private readonly RuntimeMetrics _metrics;
    private readonly RuntimeLog _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _roundLock = new(1, 1);
    private Task _loop = Task.CompletedTask;
    private volatile bool _frozen;

    public ClusterMembership(
        IMembershipStore store,
        ShardOwnership ownership,
        Catalog catalog,
        ReminderService reminders,
        ShardMapHolder maps,
        ClusterGrainRuntime router,
        LocalGrainRuntime local,
        ClusterSiloIdentity identity,
        IOptions<ClusterOptions> options,
        IOptions<SiloOptions> silo,
        TimeProvider time,
        RuntimeMetrics metrics,
        ILogger<ClusterMembership> logger)
    {
        _store = store;
        _ownership = ownership;
        _catalog = catalog;
        _reminders = reminders;
        _maps = maps;
        _router = router;
        _options = options.Value;
        _silo = silo.Value;
        _time = time;
        _metrics = metrics;
        _log = new RuntimeLog(logger);
        SiloId = identity.SiloId;
        _listener = new SiloListener(System.Net.IPAddress.Parse(_options.ListenAddress), _options.Port);
        _handler = new SiloMessageHandler(local, ownership, maps, _silo.ShardCount, router.Json);
    }

    public Guid SiloId { get; }

    public string Endpoint { get; private set; } = "";

    public int OwnedShardCount => _ownership.Owned().Count;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var port = _listener.Start(_handler);
        Endpoint = $"{AdvertisedHost()}:{port}";
        await _store.JoinAsync(new SiloInfo(SiloId, _silo.SiloName, Endpoint), _silo.ShardCount, cancellationToken).ConfigureAwait(false);
        _log.JoinedCluster(_silo.SiloName, SiloId, Endpoint);
        await RoundAsync(cancellationToken).ConfigureAwait(false);
        _loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    /// <summary>Graceful stop: refuse new activations, deactivate (persist) every grain, release every lease, leave.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await _listener.StopAcceptingAsync().ConfigureAwait(false);
        await HandOffAsync(_ownership.Owned(), cancellationToken).ConfigureAwait(false);
        try
        {
            await _store.LeaveAsync(SiloId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Leases expire on their own; the cluster just takes a little longer to notice.
            _log.MembershipRoundFailed(ex, _silo.SiloName);
        }

        await _listener.DrainAsync(_options.ConnectTimeout, _time).ConfigureAwait(false);
        await _router.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Abrupt stop, as a crash looks to the cluster: no hand-off, no leave, connections cut, nothing written.</summary>
    public async Task KillAsync()
    {
        _frozen = true;
        await _stop.CancelAsync().ConfigureAwait(false);
        _ownership.ReleaseAll();
        _catalog.Abandon();
        await _listener.DisposeAsync().ConfigureAwait(false);
        await _router.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Stops heartbeats and renewals while everything else keeps running (a partitioned or stalled silo). With
    /// <paramref name="keepServing"/> the silo also believes its leases stay valid, as a process paused between its
    /// own checks would: only the database's fencing then stands between it and a split brain.
    /// </summary>
    public void Freeze(bool keepServing)
    {
        _frozen = true;
        if (keepServing)
        {
            _ownership.TrustIndefinitely();
        }
    }

    public void Unfreeze() => _frozen = false;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _listener.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        _roundLock.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(_options.RenewInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await RoundAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !_stop.IsCancellationRequested)
                {
                    _metrics.LeaseRenewal(ok: false);
                    _log.MembershipRoundFailed(ex, _silo.SiloName);
                }

                CheckSelfFence();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task RoundAsync(CancellationToken cancellationToken)
    {
        if (_frozen)
        {
            return;
        }

        await _roundLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var sent = _time.GetTimestamp();
            var view = await _store.HeartbeatAsync(SiloId, _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
            if (_frozen)
            {
                return;
            }

            _metrics.LeaseRenewal(ok: true);
            var lost = _ownership.Renew(view.Renewed, ValidUntil(sent));
            if (lost.Count > 0)
            {
                DropLost(lost);
            }

            // Leases the database still gives this silo but it stopped serving (after self-fencing): give them back.
            var orphaned = view.Renewed.Keys.Where(s => _ownership.EpochOf(s) == 0).ToList();
            if (orphaned.Count > 0)
            {
                await _store.ReleaseAsync(SiloId, orphaned, cancellationToken).ConfigureAwait(false);
            }

            var plan = ShardBalancer.Plan(SiloId, view.LiveSilos.Select(s => s.SiloId).ToList(), view.Shards, _options.MaxShardMovesPerRound, SiloId.GetHashCode());
            var shards = view.Shards;
            if (plan.Claim.Count > 0)
            {
                var claimSent = _time.GetTimestamp();
                var claimed = await _store.ClaimAsync(SiloId, plan.Claim, _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
                if (claimed.Count > 0)
                {
                    _ownership.Add(claimed, ValidUntil(claimSent));
                    _metrics.ShardsMoved(claimed.Count, "in");
                    _log.ShardsAcquired(_silo.SiloName, claimed.Count, _ownership.Owned().Count);
                    shards = shards.Select(s => claimed.TryGetValue(s.Shard, out var epoch) ? new ShardAssignment(s.Shard, SiloId, epoch, false) : s).ToList();
                    await _reminders.OnShardsAcquiredAsync(claimed.Keys.ToList(), cancellationToken).ConfigureAwait(false);
                }
            }

            var silos = view.LiveSilos.Any(s => s.SiloId == SiloId) ? view.LiveSilos : [.. view.LiveSilos, new SiloInfo(SiloId, _silo.SiloName, Endpoint)];
            _maps.Publish(ShardMap.From(shards, silos, _silo.ShardCount));
            if (plan.Release.Count > 0)
            {
                await HandOffAsync(plan.Release, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _roundLock.Release();
        }
    }

    private long ValidUntil(long sentTimestamp) =>
        sentTimestamp + GrainFactoryBaseTicks(_options.LeaseDuration - _options.LeaseSafetyMargin);

    private long GrainFactoryBaseTicks(TimeSpan span) => Invocation.GrainFactoryBase.ToTimestampTicks(_time, span);

    private async Task HandOffAsync(IReadOnlyCollection<int> shards, CancellationToken cancellationToken)
    {
        if (shards.Count == 0)
        {
            return;
        }

        _ownership.BeginDrain(shards);
        var set = shards.ToHashSet();
        var reason = new DeactivationReason(DeactivationReasonCode.ShardMoving, $"Shard handed off by silo '{_silo.SiloName}'.");
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            limit.CancelAfter(_silo.ShutdownTimeout);
            await _catalog.DeactivateShardsAsync(set, reason, limit.Token).ConfigureAwait(false);
        }

        _reminders.OnShardsLost(shards);
        await _store.ReleaseAsync(SiloId, shards, cancellationToken).ConfigureAwait(false);
        _ownership.Release(shards);
        _metrics.ShardsMoved(shards.Count, "out");
        _log.ShardsHandedOff(_silo.SiloName, shards.Count);
    }

    private void DropLost(List<int> lost)
    {
        _log.ShardsLost(_silo.SiloName, lost.Count);
        _metrics.ShardsMoved(lost.Count, "lost");
        _reminders.OnShardsLost(lost);
        var reason = new DeactivationReason(DeactivationReasonCode.ShardLost, $"Silo '{_silo.SiloName}' lost the shard lease.");
        _ = _catalog.DeactivateShardsAsync(lost.ToHashSet(), reason, CancellationToken.None);
    }

    private void CheckSelfFence()
    {
        if (_ownership.IsValid)
        {
            return;
        }

        var dropped = _ownership.ReleaseAll();
        if (dropped.Count > 0)
        {
            _log.SelfFenced(_silo.SiloName, dropped.Count);
            DropLost(dropped);
        }
    }

    private string AdvertisedHost() =>
        _options.AdvertisedHost is { Length: > 0 } host ? host
        : _options.ListenAddress is "0.0.0.0" or "::" ? Environment.MachineName
        : _options.ListenAddress;
}
