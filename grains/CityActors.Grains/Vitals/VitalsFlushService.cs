using CityActors.Grains.Sensors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityActors.Grains.Vitals;

/// <summary>
/// Flushes this silo's reading rollup to vital signs every <see cref="SensorOptions.VitalsFlushInterval"/> (on the
/// injected clock) while the silo is active, and once more as it begins to stop (a stage after
/// <see cref="ServiceLifecycleStage.Active"/>, so it stops first, while grains still answer), for at most
/// <see cref="FinalFlushLimit"/>.
/// </summary>
public sealed partial class VitalsFlushService : ILifecycleParticipant<ISiloLifecycle>
{
    public static readonly TimeSpan FinalFlushLimit = TimeSpan.FromSeconds(5);

    private readonly SiloReadingRollup _rollup;
    private readonly TimeProvider _time;
    private readonly PeriodicSiloWork _flushing;

    public VitalsFlushService(SiloReadingRollup rollup, TimeProvider time, IOptions<SensorOptions> options, ILogger<VitalsFlushService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        (_rollup, _time) = (rollup, time);
        _flushing = new PeriodicSiloWork(options.Value.VitalsFlushInterval, time, rollup.FlushAsync, ex => LogFlushFailed(logger, ex));
    }

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(VitalsFlushService), ServiceLifecycleStage.Active + 1, StartAsync, StopAsync);
    }

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _flushing.Start();
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _flushing.StopAsync();
        try
        {
            await _rollup.FlushAsync(cancellationToken).WaitAsync(FinalFlushLimit, _time, cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            // Stopping was cut short: the last interval's minutes are dropped, as when a silo dies.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading rollups were not flushed to vital signs; the next flush sends what came since.")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}
