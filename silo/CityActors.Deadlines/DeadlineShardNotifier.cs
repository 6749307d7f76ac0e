using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityActors.Deadlines;

/// <summary>
/// Tells shards which of their deadlines changed, after the change is durable. Only changes that touch a shard's
/// window matter (the new or the old due instant falls within the look-ahead): a shard reads every other one when its
/// window reaches it. Keys are collected per shard and sent by one call at a time per shard, so under load a call
/// carries many keys; a failed call is retried with backoff, then left to the shard's next window refresh.
/// </summary>
internal sealed class DeadlineShardNotifier
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, HashSet<DeadlineKey>> _waiting = [];
    private readonly HashSet<int> _sending = [];
    private readonly IGrainFactory _grains;
    private readonly DeadlineOptions _options;
    private readonly TimeProvider _deadlineClock;
    private readonly TimeProvider _maintenanceClock;
    private readonly RetryBackoff _backoff = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
    private readonly ILogger _logger;
    private TaskCompletionSource? _idle;

    public DeadlineShardNotifier(
        IGrainFactory grains,
        IOptions<DeadlineOptions> options,
        [FromKeyedServices(DeadlineClocks.Deadlines)] TimeProvider deadlineClock,
        [FromKeyedServices(DeadlineClocks.Maintenance)] TimeProvider maintenanceClock,
        ILogger<DeadlineShardNotifier> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _grains = grains;
        _options = options.Value;
        _deadlineClock = deadlineClock;
        _maintenanceClock = maintenanceClock;
        _logger = logger;
    }

    /// <summary>Queues the keys of committed <paramref name="changes"/> that a shard may hold in memory, with their due instants from before the batch.</summary>
    public void OnCommitted(IReadOnlyList<DeadlineChange> changes, IReadOnlyList<DateTimeOffset?> previous)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(previous);

        // A shard loads up to its own now + look-ahead; its clock may run ahead of this one by the skew allowance.
        var horizon = _deadlineClock.GetUtcNow() + _options.LookAhead + _options.ClockSkewAllowance;
        List<int>? start = null;
        lock (_lock)
        {
            for (var i = 0; i < changes.Count; i++)
            {
                if (!(changes[i].Due < horizon) && !(previous[i] < horizon))
                {
                    continue;
                }

                var shard = changes[i].Shard;
                if (!_waiting.TryGetValue(shard, out var keys))
                {
                    keys = [];
                    _waiting[shard] = keys;
                }

                keys.Add(changes[i].Key);
                if (_sending.Add(shard))
                {
                    (start ??= []).Add(shard);
                }
            }
        }

        foreach (var shard in start ?? [])
        {
            _ = SendAsync(shard);
        }
    }

    /// <summary>Completes when no shard has changes waiting or in flight (tests wait on it before moving the clock).</summary>
    public Task WhenIdleAsync()
    {
        lock (_lock)
        {
            if (_sending.Count == 0)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }

    private async Task SendAsync(int shard)
    {
        var grain = _grains.GetGrain<IDeadlineShardGrain>(shard);
        var failures = 0;
        while (TakeWaiting(shard) is { } keys)
        {
            try
            {
                await grain.OnChanged(keys).ConfigureAwait(false);
                failures = 0;
            }
            catch (Exception ex)
            {
                failures++;
                if (failures >= _options.MaxNotifyAttempts)
                {
                    // The shard is gone or stuck; its reactivation or next refresh reads the table anyway.
                    DeadlineLog.NotifyAbandoned(_logger, ex, shard, keys.Length);
                    failures = 0;
                    continue;
                }

                var retry = _backoff.After(failures);
                DeadlineLog.NotifyFailed(_logger, ex, shard, keys.Length, failures, retry);
                lock (_lock)
                {
                    _waiting[shard].UnionWith(keys);
                }

                await Task.Delay(retry, _maintenanceClock).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The shard's waiting keys, or null (and the shard marked idle) when there are none.</summary>
    private DeadlineKey[]? TakeWaiting(int shard)
    {
        lock (_lock)
        {
            var keys = _waiting[shard];
            if (keys.Count > 0)
            {
                var taken = keys.ToArray();
                keys.Clear();
                return taken;
            }

            _sending.Remove(shard);
            if (_sending.Count == 0 && _idle is not null)
            {
                _idle.TrySetResult();
                _idle = null;
            }

            return null;
        }
    }
}
