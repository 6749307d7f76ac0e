using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityActors.Deadlines;

/// <summary>
/// Keeps every deadline shard active somewhere: once the silo is active, it pings all shards every
/// <see cref="DeadlineOptions.KeepAlivePeriod"/>. A shard lost with a dead silo is thereby reactivated on a survivor
/// within about one period (once membership has declared the silo dead), and after a full cluster restart every shard
/// comes back with the first silo; either way the reactivated shard reads and fires what was missed, late.
/// </summary>
/// <remarks>Background upkeep on the <see cref="DeadlineClocks.Maintenance"/> clock. One ping per shard is outstanding at a time.</remarks>
internal sealed class DeadlineShardKeeper : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly IGrainFactory _grains;
    private readonly DeadlineOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Task?[] _pings;
    private CancellationTokenSource? _stopping;
    private Task? _loop;

    public DeadlineShardKeeper(
        IGrainFactory grains,
        IOptions<DeadlineOptions> options,
        [FromKeyedServices(DeadlineClocks.Maintenance)] TimeProvider clock,
        ILogger<DeadlineShardKeeper> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _grains = grains;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _pings = new Task?[_options.ShardCount];
    }

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(DeadlineShardKeeper), ServiceLifecycleStage.Active, StartAsync, StopAsync);
    }

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = new CancellationTokenSource();
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null || _loop is null)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_options.KeepAlivePeriod, _clock);
        do
        {
            for (var shard = 0; shard < _pings.Length; shard++)
            {
                if (_pings[shard] is null or { IsCompleted: true })
                {
                    _pings[shard] = PingAsync(shard);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
    }

    private async Task PingAsync(int shard)
    {
        try
        {
            await _grains.GetGrain<IDeadlineShardGrain>(shard).Ping().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            DeadlineLog.PingFailed(_logger, ex, shard);
        }
    }
}
