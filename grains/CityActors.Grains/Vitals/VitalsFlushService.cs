using CityActors.Grains.Sensors;
using Microsoft.Extensions.Options;

namespace CityActors.Grains.Vitals;

/// <summary>
/// Flushes this silo's reading rollup to vital signs every <see cref="SensorOptions.VitalsFlushInterval"/> (on the
/// injected clock) while the silo is active, and once more as it begins to stop (a stage after
/// <see cref="ServiceLifecycleStage.Active"/>, so it stops first, while grains still answer), for at most
/// <see cref="FinalFlushLimit"/>.
/// </summary>
public sealed class VitalsFlushService(SiloReadingRollup rollup, TimeProvider time, IOptions<SensorOptions> options) : ILifecycleParticipant<ISiloLifecycle>
{
    public static readonly TimeSpan FinalFlushLimit = TimeSpan.FromSeconds(5);

    private CancellationTokenSource? _stopping;
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(VitalsFlushService), ServiceLifecycleStage.Active + 1, StartAsync, StopAsync);
    }

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = new CancellationTokenSource();
        _loop = Task.Run(() => LoopAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _loop;
        _stopping.Dispose();
        try
        {
            await rollup.FlushAsync(cancellationToken).WaitAsync(FinalFlushLimit, time, cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            // Stopping was cut short: the last interval's minutes are dropped, as when a silo dies.
        }
    }

    private async Task LoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.VitalsFlushInterval, time, stopping);
                await rollup.FlushAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
