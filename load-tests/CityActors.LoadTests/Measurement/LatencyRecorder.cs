namespace CityActors.LoadTests.Measurement;

/// <summary>
/// Records durations from any number of threads without a lock: each thread writes its own
/// <see cref="LatencyHistogram"/>, and <see cref="Snapshot"/> merges them. A per-caller histogram would cost a few
/// hundred kilobytes per caller at 0.1 % precision (hundreds of megabytes at 1,000 callers); threads are few.
/// </summary>
/// <remarks>Take a snapshot only once recording has stopped (the recording tasks completed): it reads the threads' histograms without synchronisation.</remarks>
public sealed class LatencyRecorder : IDisposable
{
    private readonly ThreadLocal<LatencyHistogram> _perThread = new(() => new LatencyHistogram(), trackAllValues: true);

    public void Record(long nanoseconds) => _perThread.Value!.Record(nanoseconds);

    public void Record(TimeSpan duration) => Record((long)duration.TotalNanoseconds);

    public LatencyHistogram Snapshot()
    {
        var merged = new LatencyHistogram();
        foreach (var histogram in _perThread.Values)
        {
            merged.Add(histogram);
        }

        return merged;
    }

    public void Dispose() => _perThread.Dispose();
}
