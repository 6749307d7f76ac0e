using CityActors.Grains.Sensors;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CityActors.Grains.Vitals;

/// <summary>Flushes this silo's reading rollup to vital signs every <see cref="SensorOptions.VitalsFlushInterval"/> (on the injected clock), and once more when the silo stops.</summary>
public sealed class VitalsFlushService(SiloReadingRollup rollup, TimeProvider time, IOptions<SensorOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.VitalsFlushInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            await rollup.FlushAsync(stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await rollup.FlushAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping was cut short: the last interval's minutes are dropped, as when a silo dies.
        }
    }
}
