namespace CityActors.LoadTests.Measurement;

/// <summary>Latencies of each step of a multi-step operation (a case's commands, say), recorded in the measured period only.</summary>
public sealed class StepLatencies(int steps) : IDisposable
{
    private readonly LatencyRecorder[] _byStep = [.. Enumerable.Range(0, steps).Select(_ => new LatencyRecorder())];

    public void Record(int step, TimeSpan elapsed, LoadPhase phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        if (phase.IsMeasuring)
        {
            _byStep[step].Record(elapsed);
        }
    }

    /// <summary>Each step's latencies, in step order, and all steps together.</summary>
    public (IReadOnlyList<LatencyHistogram> ByStep, LatencyHistogram All) Snapshot()
    {
        var byStep = _byStep.Select(r => r.Snapshot()).ToList();
        var all = new LatencyHistogram();
        foreach (var histogram in byStep)
        {
            all.Add(histogram);
        }

        return (byStep, all);
    }

    public void Dispose()
    {
        foreach (var recorder in _byStep)
        {
            recorder.Dispose();
        }
    }
}
