using System.Diagnostics;
using CityActors.Domain.Sensors;
using CityActors.LoadTests.Measurement;
using CityActors.LoadTests.Setup;

namespace CityActors.LoadTests.Benchmarks;

/// <summary>How a sensor-ingest phase loads its target: senders, readings per batch, timing, and the readings' seed and excursions.</summary>
internal sealed record SensorIngestShape(int Senders, int BatchSize, TimeSpan Warmup, TimeSpan Duration, double ExcursionProbability)
{
    /// <summary>The readings are the same in every phase and run.</summary>
    public const long Seed = 2026;
}

/// <summary>
/// One phase's figures: registration, the measured batches (one latency per batch), and the verdict of every reading
/// sent in the phase (priming, warm-up and measured period) with the batches that failed as a whole.
/// </summary>
internal sealed record SensorPhaseResult(
    string Name, LoadResult Registration, LoadResult Batches, VerdictTally Verdicts, long FailedBatches, string? FirstFailure, int BatchSize)
{
    public double ReadingsPerSecond => Batches.OpsPerSecond * BatchSize;
}

/// <summary>
/// What every sensor-ingest phase does against its target: register the fleet, send each sensor its first reading
/// (its first one is stored and sets its offline deadline, later ones are not), then measure closed-loop senders.
/// </summary>
internal static class SensorIngestPhase
{
    /// <summary>
    /// <paramref name="register"/> registers the whole fleet (failures are reported, not fatal: those sensors answer
    /// unknownSensor); <paramref name="send"/> sends one batch and counts its verdicts, and throws when the batch failed as a whole.
    /// </summary>
    public static async Task<SensorPhaseResult> RunAsync(
        string name,
        SensorFleet fleet,
        SensorIngestShape shape,
        Func<Task<LoadResult>> register,
        Func<SensorReading[], VerdictTally, Task> send,
        TextWriter log)
    {
        var registration = await register().ConfigureAwait(false);
        log.WriteLine(FormattableString.Invariant($"  {name}: registered {registration.Operations:N0} sensors in {registration.Elapsed.TotalSeconds:N1} s ({registration.OpsPerSecond:N0}/s)")
            + (registration.Failures == 0 ? "" : FormattableString.Invariant($"; {registration.Failures:N0} registrations failed, first: {registration.FirstFailure}")));

        var feed = new SensorReadingFeed(fleet, shape.Senders, shape.BatchSize, new SensorReadingGenerator(SensorIngestShape.Seed, shape.ExcursionProbability), TimeProvider.System);
        var verdicts = new VerdictTally();
        var priming = Stopwatch.StartNew();
        var (primingFailures, primingFailure) = await PrimeAsync(feed, shape.Senders, verdicts, send).ConfigureAwait(false);
        log.WriteLine(FormattableString.Invariant($"    first reading of every sensor in {priming.Elapsed.TotalSeconds:N1} s"));

        var batches = await LoadRun.RunAsync(shape.Senders, shape.Warmup, shape.Duration, async (sender, _) =>
            await send(feed.NextBatch(sender), verdicts).ConfigureAwait(false)).ConfigureAwait(false);
        var result = new SensorPhaseResult(
            name, registration, batches, verdicts, batches.Failures + primingFailures, primingFailure ?? batches.FirstFailure, shape.BatchSize);
        log.WriteLine(FormattableString.Invariant($"    {result.ReadingsPerSecond,9:N0} readings/s, {batches.OpsPerSecond:N0} batches/s; per batch {batches.Summary.InMilliseconds()}"));
        log.WriteLine($"    verdicts (whole phase): {verdicts.Describe()}"
            + (result.FailedBatches == 0 ? "" : FormattableString.Invariant($"; {result.FailedBatches:N0} batches failed, first: {result.FirstFailure}")));
        return result;
    }

    /// <summary>
    /// A sensor's first reading changes its status, and each status change is stored up the org hierarchy's vital signs
    /// to the one grain of the city, one change at a time (130–290 a second on PostgreSQL). A cluster given 16 batches
    /// of 500 new sensors at once answers some of them after the 30 s response timeout, so priming sends fewer at once.
    /// </summary>
    private const int PrimingBatchesInFlight = 4;

    // Each sender walks its sensors once, one batch after the other; returns the batches that failed and the first failure.
    private static async Task<(long Failures, string? First)> PrimeAsync(SensorReadingFeed feed, int senders, VerdictTally verdicts, Func<SensorReading[], VerdictTally, Task> send)
    {
        long failures = 0;
        string? first = null;
        await Parallel.ForEachAsync(Enumerable.Range(0, senders), new ParallelOptions { MaxDegreeOfParallelism = PrimingBatchesInFlight }, async (sender, _) =>
        {
            for (var b = 0; b < feed.BatchesToReachAll(sender); b++)
            {
                try
                {
                    await send(feed.NextBatch(sender), verdicts).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // Counted with the phase's failed batches; the run goes on.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref first, $"{ex.GetType().Name}: {ex.Message}", null);
                }
            }
        }).ConfigureAwait(false);
        return (failures, first);
    }
}
