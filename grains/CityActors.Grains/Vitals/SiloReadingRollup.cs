using CityActors.Domain.City;
using CityActors.Domain.Sensors;
using CityActors.Domain.Vitals;
using CityActors.GrainInterfaces.Vitals;
using Microsoft.Extensions.Logging;

namespace CityActors.Grains.Vitals;

/// <summary>
/// This silo's readings on their way to vital signs: sensor grains add accepted readings (no grain call per reading),
/// and a flush sends each org unit's rolled-up minutes to its vitals grain in one call. Minutes not yet flushed when
/// the silo dies are lost to the indicator windows (at most one flush interval); counts of sensors, alarms and cases
/// do not travel this way and are never lost.
/// </summary>
public sealed partial class SiloReadingRollup(CityModel city, IGrainFactory grains, ILogger<SiloReadingRollup> logger)
{
    private const int MaxCallsInFlight = 64;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly StringKeyGrains<IVitalsGrain> _units = new(grains);
    private ReadingRollup _rollup = new();

    public void Add(string gridCode, SensorKind kind, IReadOnlyList<SensorReading> readings, IReadOnlyList<ReadingVerdict> verdicts)
    {
        lock (_gate)
        {
            for (var i = 0; i < readings.Count; i++)
            {
                if (verdicts[i] == ReadingVerdict.Accepted)
                {
                    _rollup.Add(gridCode, kind, readings[i].At, readings[i].Value);
                }
            }
        }
    }

    /// <summary>Sends what was added so far; minutes whose unit did not take them are added back for the next flush.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            ReadingRollup pending;
            lock (_gate)
            {
                (pending, _rollup) = (_rollup, new ReadingRollup());
            }

            if (pending.PendingMinutes == 0)
            {
                return;
            }

            var byUnit = pending.Drain(city);
            await Parallel.ForEachAsync(byUnit, new ParallelOptions { MaxDegreeOfParallelism = MaxCallsInFlight, CancellationToken = cancellationToken }, async (unit, _) =>
            {
                try
                {
                    await _units.Get(unit.Key).Merge(unit.Value);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogMergeFailed(logger, ex, unit.Key, unit.Value.Count);
                }
            });
        }
        finally
        {
            _flushing.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vital signs of {Unit} did not take {Minutes} indicator minutes; they are dropped from its windows.")]
    private static partial void LogMergeFailed(ILogger logger, Exception exception, string unit, int minutes);
}
