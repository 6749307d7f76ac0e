using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityActors.Deadlines;

/// <summary>
/// One deadline shard. On activation it reads the shard's deadlines due within the look-ahead window (overdue ones
/// included: that is how deadlines missed during an outage fire, late, with their lateness), and re-reads the window
/// every refresh interval. A grain timer on the grain clock wakes it at the earliest due instant; it then hands every
/// due deadline to its grain, many at once, and deletes the accepted ones in one conditional batch on its next turn.
/// </summary>
/// <remarks>
/// <para>Deliveries are not awaited by the turn that starts them, so a slow grain never holds up the shard's other
/// deadlines or its pushes; their continuations run on this activation's scheduler, one at a time with its turns, so
/// the schedule needs no lock. Everything that reads or deletes rows runs inside turns and never overlaps.</para>
/// <para>Never idle-collected: a shard must stay active to fire on time, and every silo's keep-alive pings it anyway.</para>
/// </remarks>
[CollectionAgeLimit(AlwaysActive = true)]
internal sealed class DeadlineShardGrain : Grain, IDeadlineShardGrain
{
    // Far enough for any window; keeps timer delays in the range grain timers accept.
    private static readonly TimeSpan LongestTimerDelay = TimeSpan.FromHours(1);

    private readonly IDeadlineTable _table;
    private readonly DeadlineOptions _options;
    private readonly TimeProvider _clock;
    private readonly DeadlineMetrics _metrics;
    private readonly ILocalSiloDetails _silo;
    private readonly ILogger _logger;
    private readonly RetryBackoff _backoff;
    private readonly ShardSchedule _schedule;

    // Deliveries accepted by their grains whose rows the next fire turn deletes together.
    private List<ScheduledDeadline> _delivered = [];
    private int _deleteFailures;
    private DateTimeOffset _retryDeleteAt = DateTimeOffset.MinValue;
    private IGrainTimer? _fireTimer;

    // The instant the fire timer is set to wake at; null once it fired (or was never set). Lets every delivery
    // completion skip re-arming a timer that already wakes early enough.
    private DateTimeOffset? _armedFor;
    private long _started;
    private long _accepted;
    private int _warming;

    // Completed (and replaced) when the shard next has nothing in flight and nothing to delete.
    private TaskCompletionSource? _idle;

    public DeadlineShardGrain(
        IDeadlineTable table,
        IOptions<DeadlineOptions> options,
        [FromKeyedServices(DeadlineClocks.Deadlines)] TimeProvider clock,
        DeadlineMetrics metrics,
        ILocalSiloDetails silo,
        ILogger<DeadlineShardGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _table = table;
        _options = options.Value;
        _clock = clock;
        _metrics = metrics;
        _silo = silo;
        _logger = logger;
        _backoff = new RetryBackoff(_options.MinRetryDelay, _options.MaxRetryDelay);
        _schedule = new ShardSchedule(_backoff, _options.WarmAhead);
    }

    private int Shard => (int)this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A failed read fails the activation; the next keep-alive ping activates the shard again.
        await RefreshAsync(cancellationToken);
        DeadlineLog.ShardActivated(_logger, Shard, _schedule.Count, _schedule.LoadedUntil);
        _fireTimer = this.RegisterGrainTimer(FireAsync, new GrainTimerCreationOptions
        {
            DueTime = Timeout.InfiniteTimeSpan,
            Period = Timeout.InfiniteTimeSpan,
            KeepAlive = true,
        });
        this.RegisterGrainTimer(RefreshOnTimerAsync, new GrainTimerCreationOptions
        {
            DueTime = _options.RefreshInterval,
            Period = _options.RefreshInterval,
            KeepAlive = true,
        });
        Arm();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Deleting what was delivered spares the next activation from delivering it again.
        if (_delivered.Count > 0)
        {
            await DeleteDeliveredAsync(cancellationToken);
        }

        _metrics.ShardGone(Shard);
    }

    public Task Ping() => Task.CompletedTask;

    public async Task OnChanged(IReadOnlyList<DeadlineKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);

        // The push names keys only: the rows read now are at least as new as the change that caused the push, whatever
        // order pushes from different batches or silos arrive in.
        IReadOnlyList<DeadlineEntry> rows;
        try
        {
            rows = await _table.ReadAsync(keys, CancellationToken.None);
        }
        catch (Exception ex)
        {
            DeadlineLog.ChangedReadFailed(_logger, ex, Shard, keys.Count);
            throw;
        }

        _schedule.ApplyCurrent(keys, rows, _clock.GetUtcNow() + _options.LookAhead);
        Arm();
    }

    public Task<DeadlineShardStatus> GetStatus() => Task.FromResult(Status());

    public async Task<DeadlineShardStatus> GetStatusWhenIdle()
    {
        while (!IsIdle)
        {
            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await _idle.Task;
        }

        return Status();
    }

    private bool IsIdle => _schedule.InFlight == 0 && _delivered.Count == 0 && _warming == 0;

    private DeadlineShardStatus Status() =>
        new(Shard, _silo.SiloAddress, _schedule.Count, _schedule.InFlight, _schedule.LoadedUntil, _started, _accepted);

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var until = _clock.GetUtcNow() + _options.LookAhead;
        var rows = await _table.ReadDueAsync(Shard, until, cancellationToken);
        _schedule.ReplaceWindow(rows, until);
        _metrics.ReportPending(Shard, _schedule.Count);
    }

    private async Task RefreshOnTimerAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            DeadlineLog.RefreshFailed(_logger, ex, Shard, _options.RefreshInterval);
        }
        finally
        {
            Arm();
        }
    }

    private async Task FireAsync(CancellationToken cancellationToken)
    {
        _armedFor = null;
        try
        {
            if (_delivered.Count > 0 && _clock.GetUtcNow() >= _retryDeleteAt)
            {
                await DeleteDeliveredAsync(cancellationToken);
            }

            var room = _options.MaxDeliveriesInFlight - _schedule.InFlight;
            if (room > 0)
            {
                var now = _clock.GetUtcNow();
                foreach (var deadline in _schedule.TakeDue(now, room))
                {
                    _ = DeliverAsync(deadline, now);
                }
            }

            var warmRoom = _options.MaxWarmingsInFlight - _warming;
            if (warmRoom > 0)
            {
                foreach (var grain in _schedule.TakeToWarm(_clock.GetUtcNow(), warmRoom))
                {
                    _ = WakeAsync(grain);
                }
            }

            _metrics.ReportPending(Shard, _schedule.Count);
        }
        finally
        {
            // Always re-arm: a tick that did not change the timer would leave it stopped.
            Arm();
        }
    }

    private async Task DeliverAsync(ScheduledDeadline deadline, DateTimeOffset firedAt)
    {
        _started++;
        var accepted = false;
        try
        {
            var target = GrainFactory.GetGrain<IDeadlineTarget>(deadline.Key.Grain);
            await target.OnDeadline(new DeadlineFired(deadline.Key.Name, deadline.Due, firedAt));
            accepted = true;
            _accepted++;
            _metrics.Fired(firedAt - deadline.Due);
        }
        catch (Exception ex)
        {
            // Whatever failed (the grain's silo, its activation, its handler), it is tried again: never skipped.
            _metrics.DeliveryFailed();
            DeadlineLog.DeliveryFailed(_logger, ex, deadline.Key, deadline.Due, deadline.FailedAttempts + 1);
        }

        // This continuation runs on the activation's scheduler, between turns, never beside one.
        if (_schedule.Completed(deadline, accepted, _clock.GetUtcNow()))
        {
            _delivered.Add(deadline);
        }

        Arm();
    }

    private async Task WakeAsync(GrainId grain)
    {
        _warming++;
        try
        {
            await GrainFactory.GetGrain<IDeadlineTarget>(grain).OnDeadlineApproaching();
            _metrics.Woken();
        }
        catch (Exception ex)
        {
            DeadlineLog.WakeFailed(_logger, ex, grain);
        }

        // Like a delivery's, this continuation runs on the activation's scheduler, between turns.
        _warming--;
        Arm();
    }

    private async Task DeleteDeliveredAsync(CancellationToken cancellationToken)
    {
        var batch = _delivered;
        _delivered = [];

        // A key delivered twice (moved and fired again before the first delete) is deleted by its latest due instant.
        var latest = new Dictionary<DeadlineKey, DeadlineEntry>(batch.Count);
        foreach (var deadline in batch)
        {
            latest[deadline.Key] = deadline.ToEntry();
        }

        try
        {
            var moved = await _table.DeleteFiredAsync(latest.Values.ToList(), cancellationToken);
            _schedule.Deleted(batch, moved);
            _deleteFailures = 0;
        }
        catch (Exception ex)
        {
            _delivered.InsertRange(0, batch);
            _deleteFailures++;
            _retryDeleteAt = _clock.GetUtcNow() + _backoff.After(_deleteFailures);
            DeadlineLog.DeleteFailed(_logger, ex, Shard, batch.Count);
        }
    }

    /// <summary>
    /// Sets the fire timer to the next thing to do: a pending delete, the earliest attempt if a delivery slot is free, or
    /// the next wake-up ahead of a deadline if a warming slot is free.
    /// </summary>
    private void Arm()
    {
        if (IsIdle && _idle is not null)
        {
            _idle.TrySetResult();
            _idle = null;
        }

        if (_fireTimer is null)
        {
            return;
        }

        var now = _clock.GetUtcNow();
        var next = _schedule.InFlight < _options.MaxDeliveriesInFlight ? _schedule.NextAttempt() : null;
        if (_warming < _options.MaxWarmingsInFlight && _schedule.NextWarm() is { } warmAt && (next is null || warmAt < next))
        {
            next = warmAt;
        }

        if (_delivered.Count > 0)
        {
            var deleteAt = _retryDeleteAt > now ? _retryDeleteAt : now;
            next = next is { } attempt && attempt < deleteAt ? attempt : deleteAt;
        }

        if (_armedFor is { } armed && (next is null || armed <= next))
        {
            // The timer wakes no later than needed; that turn looks again. A wake-up with nothing to do costs one empty turn.
            return;
        }

        _armedFor = next;
        _fireTimer.Change(next is { } at ? DelayUntil(at, now) : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// The timer delay to reach <paramref name="at"/>, rounded up to whole milliseconds: timers count milliseconds, and
    /// waking early would only cost an empty turn, while rounding up makes the turn find the deadline due.
    /// </summary>
    private static TimeSpan DelayUntil(DateTimeOffset at, DateTimeOffset now)
    {
        var delay = at - now;
        if (delay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        if (delay > LongestTimerDelay)
        {
            return LongestTimerDelay;
        }

        var milliseconds = (delay.Ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond;
        return TimeSpan.FromTicks(milliseconds * TimeSpan.TicksPerMillisecond);
    }
}
