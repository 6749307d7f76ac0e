using CityActors.Domain.City;
using CityActors.Domain.Sensors;
using CityActors.GrainInterfaces.Sensors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityActors.Grains.Sensors;

/// <summary>
/// With <see cref="SensorOptions.SimulateFleet"/>, sends the package fleet's readings from
/// <see cref="SensorReadingGenerator"/> as its devices would: each sensor at its reporting interval (first readings
/// spread over one interval so the fleet does not report all at once), in batches through the ingest grain, on the
/// injected clock. Only the silo that runs it sends; in a cluster, enable it on one silo.
/// </summary>
public sealed partial class FleetSimulation(
    CityModel city,
    SensorRegistrar registrar,
    IGrainFactory grains,
    TimeProvider time,
    IOptions<SensorOptions> options,
    ILogger<FleetSimulation> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public const int BatchSize = 500;
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    private PeriodicSiloWork? _ticking;
    private (SensorDefinition Sensor, DateTimeOffset Next)[]? _schedule;

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(FleetSimulation), ServiceLifecycleStage.Active + 1, StartAsync, StopAsync);
    }

    /// <summary>Sends the readings due by now; returns how many were sent.</summary>
    public async Task<int> TickAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var schedule = _schedule ??= Schedule(now);
        var generator = new SensorReadingGenerator(seed: 20261130, options.Value.SimulatedAlarmProbability);
        var due = new List<SensorReading>();
        for (var i = 0; i < schedule.Length; i++)
        {
            if (schedule[i].Next <= now)
            {
                due.Add(generator.ReadingAt(schedule[i].Sensor, now));
                schedule[i].Next = now + schedule[i].Sensor.ReportingInterval;
            }
        }

        foreach (var batch in due.Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await grains.GetGrain<ISensorIngestGrain>(0).Ingest(batch);
        }

        return due.Count;
    }

    private (SensorDefinition Sensor, DateTimeOffset Next)[] Schedule(DateTimeOffset now) =>
        [.. registrar.ResolveFleet().Select(s => (s, now + (s.ReportingInterval * (StableHash(s.Id) % 1000 / 1000.0))))];

    // string.GetHashCode differs from run to run; the spread of first readings should not.
    private static uint StableHash(string text) => text.Aggregate(2166136261u, (hash, c) => unchecked((hash ^ c) * 16777619u));

    private Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SimulateFleet && city.Sensors.Fleet.Count > 0)
        {
            _ticking = new PeriodicSiloWork(Tick, time, TickAsync, ex => LogTickFailed(logger, ex));
            _ticking.Start();
        }

        return Task.CompletedTask;
    }

    private Task StopAsync(CancellationToken cancellationToken) => _ticking?.StopAsync() ?? Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated fleet readings were not sent; the next tick sends what is due then.")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
