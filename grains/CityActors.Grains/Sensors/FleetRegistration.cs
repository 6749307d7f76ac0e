using CityActors.Domain.Cases;
using CityActors.Domain.City;
using CityActors.Domain.Sensors;
using CityActors.GrainInterfaces.Sensors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityActors.Grains.Sensors;

/// <summary>
/// Registers the city package's sensor fleet once the silo is active, in the background so a large fleet does not
/// hold up the silo's start. Registration is idempotent (an unchanged sensor stores nothing), so every silo of a
/// cluster may do it at every start.
/// </summary>
public sealed partial class FleetRegistration(CityModel city, IGrainFactory grains, IOptions<SensorOptions> options, ILogger<FleetRegistration> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public static readonly Actor Runtime = new("fleet-registration", Role.System);

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(FleetRegistration), ServiceLifecycleStage.Active, StartAsync, StopAsync);
    }

    /// <summary>Completes when the fleet is registered (for hosts and tests that need it).</summary>
    public Task Registered { get; private set; } = Task.CompletedTask;

    private readonly CancellationTokenSource _stopping = new();

    private Task StartAsync(CancellationToken cancellationToken)
    {
        Registered = Task.Run(() => RegisterAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await Registered;
        }
        catch (OperationCanceledException)
        {
            // Stopped before the fleet was done: the next start registers the rest.
        }
    }

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.RegisterFleet || city.Sensors.Fleet.Count == 0)
        {
            return;
        }

        var failed = 0;
        await Parallel.ForEachAsync(city.Sensors.Fleet, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (sensor, _) =>
        {
            try
            {
                await grains.GetGrain<ISensorGrain>(sensor.Id).Register(Runtime, sensor.Registration());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Interlocked.Increment(ref failed);
                LogSensorFailed(logger, ex, sensor.Id);
            }
        });
        LogRegistered(logger, city.Sensors.Fleet.Count - failed, city.Sensors.Fleet.Count, city.Id);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fleet sensor {Sensor} was not registered.")]
    private static partial void LogSensorFailed(ILogger logger, Exception exception, string sensor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered {Registered} of {Fleet} fleet sensors of city {City}.")]
    private static partial void LogRegistered(ILogger logger, int registered, int fleet, string city);
}
