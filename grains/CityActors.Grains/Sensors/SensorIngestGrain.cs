using CityActors.Domain.Sensors;
using CityActors.GrainInterfaces.Sensors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace CityActors.Grains.Sensors;

/// <summary>
/// Splits a batch by sensor and calls each sensor grain once with its readings, a bounded number at a time. A sensor
/// whose grain fails gets <see cref="ReadingVerdict.Unavailable"/> for its readings (safe to send again: nothing of
/// them was acknowledged); malformed ids are unknown sensors without a grain call.
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed partial class SensorIngestGrain(IOptions<SensorOptions> options, ILogger<SensorIngestGrain> logger) : Grain, ISensorIngestGrain
{
    public const int MaxBatch = 10_000;

    private StringKeyGrains<ISensorGrain>? _sensors;

    public async Task<IReadOnlyList<ReadingVerdict>> Ingest(IReadOnlyList<SensorReading> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count > MaxBatch)
        {
            throw new ArgumentException($"A batch has at most {MaxBatch} readings; this one has {batch.Count}.", nameof(batch));
        }

        var verdicts = new ReadingVerdict[batch.Count];
        var bySensor = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i] is not { } reading || !SensorRegistrar.IsValidId(reading.SensorId))
            {
                verdicts[i] = ReadingVerdict.UnknownSensor;
                continue;
            }

            if (!bySensor.TryGetValue(reading.SensorId, out var indexes))
            {
                bySensor[reading.SensorId] = indexes = [];
            }

            indexes.Add(i);
        }

        await Parallel.ForEachAsync(bySensor, new ParallelOptions { MaxDegreeOfParallelism = options.Value.IngestParallelism, TaskScheduler = TaskScheduler.Current }, async (sensor, _) =>
        {
            var indexes = sensor.Value;
            try
            {
                // An array, not a collection expression: inside a silo Orleans copies the argument by its runtime type,
                // finds no copier for the compiler's synthesized read-only list and looks one up again (by reflection)
                // on every call, a quarter of the ingest's CPU in the sensor-ingest benchmark.
                var answers = await Sensor(sensor.Key).Ingest(indexes.Select(i => batch[i]).ToArray());
                for (var k = 0; k < indexes.Count; k++)
                {
                    verdicts[indexes[k]] = answers[k];
                }
            }
            catch (Exception ex)
            {
                LogSensorFailed(logger, ex, sensor.Key, indexes.Count);
                foreach (var i in indexes)
                {
                    verdicts[i] = ReadingVerdict.Unavailable;
                }
            }
        });
        return verdicts;
    }

    private ISensorGrain Sensor(string id) => (_sensors ??= new StringKeyGrains<ISensorGrain>(GrainFactory)).Get(id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sensor {Sensor} did not take {Readings} readings; they are answered as unavailable.")]
    private static partial void LogSensorFailed(ILogger logger, Exception exception, string sensor, int readings);
}
