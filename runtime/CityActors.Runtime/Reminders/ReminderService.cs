using CityActors.Runtime.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityActors.Runtime.Reminders;

/// <summary>
/// Fires durable reminders. Every pending reminder sits in one priority queue ordered by due time, served by a
/// single <see cref="TimeProvider"/> timer armed for the earliest; a million pending reminders cost one timer.
/// A tick is delivered at least once: the stored next-due time advances only after the grain accepted the tick, so
/// a crash in between re-delivers it. Missed ticks (downtime) are delivered once, with their lateness, and the
/// reminder then continues on its original period grid.
/// </summary>
internal sealed class ReminderService : IDisposable
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);

    private readonly object _lock = new();
    private readonly Dictionary<(GrainId Grain, string Name), Scheduled> _byKey = [];
    private readonly PriorityQueue<Scheduled, DateTimeOffset> _queue = new();
    private readonly IReminderTable _table;
    private readonly IGrainFactory _grainFactory;
    private readonly TimeProvider _time;
    private readonly RuntimeMetrics _metrics;
    private readonly RuntimeLog _log;
    private readonly int _shardCount;
    private readonly Cluster.IShardOwnership _ownership;
    private readonly Cluster.ShardOwnership? _leases;
    private readonly TimeSpan _lookAhead;
    private ITimer? _timer;
    private ITimer? _windowTimer;
    private bool _running;

    // Reminders due before this instant are all in memory (for owned shards); later ones are loaded as it advances.
    private DateTimeOffset _loadedUntil = DateTimeOffset.MaxValue;

    public ReminderService(
        IReminderTable table,
        IGrainFactory grainFactory,
        TimeProvider time,
        IOptions<SiloOptions> options,
        IOptions<ClusterOptions> clusterOptions,
        Cluster.IShardOwnership ownership,
        RuntimeMetrics metrics,
        ILogger<ReminderService> logger)
    {
        _table = table;
        _grainFactory = grainFactory;
        _time = time;
        _metrics = metrics;
        _log = new RuntimeLog(logger);
        _shardCount = options.Value.ShardCount;
        _ownership = ownership;
        _leases = ownership as Cluster.ShardOwnership;
        _lookAhead = clusterOptions.Value.ReminderLookAhead;
    }

    /// <summary>Clustered: reminders are loaded per owned shard within a moving look-ahead window.</summary>
    private bool Clustered => _leases is not null;

    public int PendingCount
    {
        get
        {
            lock (_lock)
            {
                return _byKey.Count;
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Clustered)
        {
            lock (_lock)
            {
                _loadedUntil = Truncate(_time.GetUtcNow() + _lookAhead);
                _timer = _time.CreateTimer(static s => ((ReminderService)s!).Pump(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _windowTimer = _time.CreateTimer(static s => _ = ((ReminderService)s!).AdvanceWindowAsync(), this, _lookAhead / 2, _lookAhead / 2);
                _running = true;
            }

            return;
        }

        var entries = await _table.ReadDueAsync(_shardCount, shards: null, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            foreach (var entry in entries)
            {
                Schedule(entry);
            }

            _timer = _time.CreateTimer(static s => ((ReminderService)s!).Pump(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _running = true;
        }

        _log.RemindersLoaded(entries.Count);
        Pump();
    }

    public void Stop()
    {
        lock (_lock)
        {
            _running = false;
            _timer?.Dispose();
            _windowTimer?.Dispose();
        }
    }

    /// <summary>Clustered: loads the reminders of newly acquired shards that fall inside the current window.</summary>
    public async Task OnShardsAcquiredAsync(IReadOnlyCollection<int> shards, CancellationToken cancellationToken)
    {
        DateTimeOffset until;
        lock (_lock)
        {
            until = _loadedUntil;
        }

        var entries = await _table.ReadDueAsync(_shardCount, shards.ToHashSet(), DateTimeOffset.MinValue, until, cancellationToken).ConfigureAwait(false);
        ScheduleLoaded(entries);
        _log.RemindersLoaded(entries.Count);
    }

    /// <summary>Clustered: forgets the reminders of shards this silo no longer owns (their new owner loads them).</summary>
    public void OnShardsLost(IReadOnlyCollection<int> shards)
    {
        var lost = shards.ToHashSet();
        lock (_lock)
        {
            foreach (var key in _byKey.Keys.Where(k => lost.Contains(k.Grain.GetShard(_shardCount))).ToList())
            {
                _byKey.Remove(key, out var scheduled);
                scheduled!.Cancelled = true;
            }
        }
    }

    private async Task AdvanceWindowAsync()
    {
        DateTimeOffset from;
        DateTimeOffset until;
        lock (_lock)
        {
            if (!_running)
            {
                return;
            }

            // Move the watermark before reading, so a tick completing meanwhile keeps itself in memory rather than
            // falling between the old watermark and this read.
            from = _loadedUntil;
            until = Truncate(_time.GetUtcNow() + _lookAhead);
            if (until <= from)
            {
                return;
            }

            _loadedUntil = until;
        }

        try
        {
            var owned = _leases!.Owned().ToHashSet();
            if (owned.Count > 0)
            {
                ScheduleLoaded(await _table.ReadDueAsync(_shardCount, owned, from, until, CancellationToken.None).ConfigureAwait(false));
            }
        }
        catch (Exception ex)
        {
            _log.ReminderWindowFailed(ex, from, until);
            lock (_lock)
            {
                // Read this window again next time.
                _loadedUntil = from;
            }
        }
    }

    private void ScheduleLoaded(IReadOnlyList<ReminderEntry> entries)
    {
        lock (_lock)
        {
            foreach (var entry in entries)
            {
                // What is in memory already is at least as new as the table: this silo made every change since it took the shard.
                if (!_byKey.ContainsKey((entry.GrainId, entry.Name)) && _ownership.TryGetServingEpoch(entry.GrainId.GetShard(_shardCount), out _))
                {
                    Schedule(entry);
                }
            }
        }

        Pump();
    }

    public void Dispose() => Stop();

    public Task<IGrainReminder> RegisterOrUpdateAsync(GrainId grainId, string name, TimeSpan dueTime, TimeSpan period, FencingToken fence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        return RegisterOrUpdateAtAsync(grainId, name, _time.GetUtcNow() + dueTime, period, fence);
    }

    public async Task<IGrainReminder> RegisterOrUpdateAtAsync(GrainId grainId, string name, DateTimeOffset dueAt, TimeSpan period, FencingToken fence)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.Zero);
        var first = Truncate(dueAt.ToUniversalTime());
        var entry = new ReminderEntry(grainId, name, first, TimeSpan.FromMicroseconds(Math.Floor(period.TotalMicroseconds)), first, ETag: null);
        var etag = await _table.UpsertAsync(entry, fence, CancellationToken.None).ConfigureAwait(false);
        entry = entry with { ETag = etag };
        lock (_lock)
        {
            if (entry.NextDue < _loadedUntil)
            {
                Schedule(entry);
            }
            else if (_byKey.Remove((grainId, name), out var replaced))
            {
                replaced.Cancelled = true;
            }
        }

        Pump();
        return entry;
    }

    public async Task UnregisterAsync(GrainId grainId, string name, FencingToken fence)
    {
        await _table.RemoveAsync(grainId, name, expectedETag: null, fence, CancellationToken.None).ConfigureAwait(false);
        lock (_lock)
        {
            if (_byKey.Remove((grainId, name), out var scheduled))
            {
                scheduled.Cancelled = true;
            }
        }
    }

    public async Task<IGrainReminder?> GetAsync(GrainId grainId, string name) =>
        await _table.ReadAsync(grainId, name, CancellationToken.None).ConfigureAwait(false);

    public async Task<IReadOnlyList<IGrainReminder>> ListAsync(GrainId grainId) =>
        await _table.ReadAsync(grainId, CancellationToken.None).ConfigureAwait(false);

    private void Schedule(ReminderEntry entry)
    {
        var key = (entry.GrainId, entry.Name);
        if (_byKey.TryGetValue(key, out var previous))
        {
            previous.Cancelled = true;
        }

        var scheduled = new Scheduled(entry, entry.NextDue);
        _byKey[key] = scheduled;
        _queue.Enqueue(scheduled, scheduled.Due);
    }

    /// <summary>Fires everything due and re-arms the timer for the next reminder. Runs on the timer and after every change.</summary>
    private void Pump()
    {
        List<Scheduled>? due = null;
        DateTimeOffset now;
        lock (_lock)
        {
            if (!_running)
            {
                return;
            }

            now = _time.GetUtcNow();
            while (_queue.TryPeek(out var next, out var at))
            {
                if (next.Cancelled)
                {
                    _queue.Dequeue();
                    continue;
                }

                if (at > now)
                {
                    _timer!.Change(at - now, Timeout.InfiniteTimeSpan);
                    break;
                }

                _queue.Dequeue();
                (due ??= []).Add(next);
            }

            if (_queue.Count == 0)
            {
                _timer!.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }

        if (due is null)
        {
            return;
        }

        foreach (var scheduled in due)
        {
            Fire(scheduled, now);
        }
    }

    private void Fire(Scheduled scheduled, DateTimeOffset now)
    {
        var entry = scheduled.Entry;
        var tick = scheduled.Due;
        var status = new TickStatus(entry.FirstTick, entry.Period, tick, now - tick);
        Task delivery;
        try
        {
            delivery = _grainFactory.GetGrain<IRemindable>(entry.GrainId).ReceiveReminder(entry.Name, status);
        }
        catch (Exception ex)
        {
            delivery = Task.FromException(ex);
        }

        _ = CompleteTickAsync(scheduled, delivery, status);
    }

    private async Task CompleteTickAsync(Scheduled scheduled, Task delivery, TickStatus status)
    {
        var entry = scheduled.Entry;
        try
        {
            try
            {
                await delivery.ConfigureAwait(false);
                _metrics.ReminderFired(status.Lateness);
            }
            catch (Exception ex) when (IsDeliveryFailure(ex))
            {
                Retry(scheduled, ex);
                return;
            }
            catch (Exception ex)
            {
                // The grain received the tick and its handler threw: the tick counts as delivered.
                _log.ReminderHandlerFailed(ex, entry.GrainId, entry.Name);
            }

            var shard = entry.GrainId.GetShard(_shardCount);
            if (!_ownership.TryGetServingEpoch(shard, out var epoch))
            {
                // The shard moved away after the tick was delivered; its new owner re-reads the table and may fire it again (at least once).
                Forget(scheduled);
                return;
            }

            var fence = new FencingToken(shard, epoch);
            if (entry.IsOneShot)
            {
                await _table.RemoveAsync(entry.GrainId, entry.Name, entry.ETag, fence, CancellationToken.None).ConfigureAwait(false);
                Forget(scheduled);
                return;
            }

            var advanced = entry with { NextDue = entry.NextTickAfter(_time.GetUtcNow()) };
            var etag = await _table.TryUpdateAsync(advanced, entry.ETag!, fence, CancellationToken.None).ConfigureAwait(false);
            lock (_lock)
            {
                // A null ETag means the grain re-registered or removed the reminder meanwhile; that change wins.
                if (etag is not null && !scheduled.Cancelled && advanced.NextDue >= _loadedUntil)
                {
                    // Beyond the window: the table has it, and the window will bring it back in time.
                    Forget(scheduled);
                }
                else if (etag is not null && !scheduled.Cancelled)
                {
                    scheduled.Entry = advanced with { ETag = etag };
                    scheduled.Due = advanced.NextDue;
                    scheduled.Attempts = 0;
                    _queue.Enqueue(scheduled, scheduled.Due);
                }
            }

            Pump();
        }
        catch (Exception ex)
        {
            _log.ReminderBookkeepingFailed(ex, entry.GrainId, entry.Name);
            Retry(scheduled, ex);
        }
    }

    private void Forget(Scheduled scheduled)
    {
        var key = (scheduled.Entry.GrainId, scheduled.Entry.Name);
        lock (_lock)
        {
            if (_byKey.TryGetValue(key, out var current) && ReferenceEquals(current, scheduled))
            {
                _byKey.Remove(key);
            }
        }
    }

    /// <summary>Storage keeps microseconds; due times are cut to that so what is stored is what is scheduled.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        value == DateTimeOffset.MaxValue ? value : new DateTimeOffset(value.Ticks - (value.Ticks % TimeSpan.TicksPerMicrosecond), value.Offset);

    private void Retry(Scheduled scheduled, Exception error)
    {
        var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, scheduled.Attempts), MaxRetryDelay.TotalSeconds));
        scheduled.Attempts++;
        _log.ReminderDeliveryFailed(error, scheduled.Entry.GrainId, scheduled.Entry.Name, scheduled.Attempts, delay);
        lock (_lock)
        {
            if (scheduled.Cancelled)
            {
                return;
            }

            // The tick keeps its original due time for lateness reporting; only the retry moves.
            _queue.Enqueue(scheduled, _time.GetUtcNow() + delay);
        }

        Pump();
    }

    private static bool IsDeliveryFailure(Exception ex) =>
        ex is GrainActivationException or SiloUnavailableException or GrainCallTimeoutException or GrainConfigurationException or ShardOwnershipLostException;

    private sealed class Scheduled(ReminderEntry entry, DateTimeOffset due)
    {
        public ReminderEntry Entry { get; set; } = entry;

        public DateTimeOffset Due { get; set; } = due;

        public int Attempts { get; set; }

        public bool Cancelled { get; set; }
    }
}
