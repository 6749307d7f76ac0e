using System.Collections.Concurrent;
using System.Diagnostics;
using CityActors.LoadTests.Measurement;

namespace CityActors.LoadTests.Replay.Reporting;

/// <summary>
/// Everything measured while the replay runs: latency per operation from its intended send time (so a cluster that
/// falls behind is charged for the wait, not excused by it), per-second series of case commands and sensor batches,
/// errors by operation and kind, and what is in progress. Thread-safe.
/// </summary>
public sealed class ReplayMetrics
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<string, LatencyHistogram> _latencies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _firstErrors = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(TimeSpan At, string What)> _events = new();
    private readonly ConcurrentDictionary<string, TimeSpan> _lastSuccess = new(StringComparer.Ordinal);
    private long _casesStarted;
    private long _casesFinished;
    private long _stepsDue;

    public TimeSpan Now => _clock.Elapsed;

    public SecondSeries Commands { get; } = new();

    public SecondSeries SensorBatches { get; } = new();

    public long CasesStarted => Interlocked.Read(ref _casesStarted);

    public long CasesFinished => Interlocked.Read(ref _casesFinished);

    /// <summary>Commands whose intended time has come and that are not acknowledged yet.</summary>
    public long Backlog => Interlocked.Read(ref _stepsDue);

    public long ErrorCount => _errors.Values.Sum();

    public IReadOnlyDictionary<string, long> Errors => new SortedDictionary<string, long>(_errors, StringComparer.Ordinal);

    /// <summary>Chaos and phase marks, for the plots and the report.</summary>
    public IReadOnlyList<(TimeSpan At, string What)> Events => [.. _events];

    public void CaseStarted() => Interlocked.Increment(ref _casesStarted);

    public void CaseFinished() => Interlocked.Increment(ref _casesFinished);

    public void StepDue(TimeSpan intended)
    {
        Interlocked.Increment(ref _stepsDue);
        Commands.Offer(intended);
    }

    public void StepDone() => Interlocked.Decrement(ref _stepsDue);

    public void Succeeded(string operation, TimeSpan intended, TimeSpan at, SecondSeries series, int items = 1)
    {
        ArgumentNullException.ThrowIfNull(series);
        var latency = at - intended;
        var histogram = _latencies.GetOrAdd(operation, _ => new LatencyHistogram());
        lock (histogram)
        {
            histogram.Record((long)latency.TotalNanoseconds);
        }

        series.Achieve(at, latency, items);
        _lastSuccess.AddOrUpdate(operation, at, (_, last) => at > last ? at : last);
    }

    /// <summary>When the operation last succeeded (zero if never).</summary>
    public TimeSpan LastSuccess(string operation) => _lastSuccess.GetValueOrDefault(operation);

    /// <summary>The first message of each error kind, as the report quotes it.</summary>
    public IReadOnlyDictionary<string, string> FirstErrors => new SortedDictionary<string, string>(_firstErrors, StringComparer.Ordinal);

    public void Failed(string operation, string kind, TimeSpan at, SecondSeries series, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        _errors.AddOrUpdate($"{operation}: {kind}", 1, (_, n) => n + 1);
        if (message is not null)
        {
            _firstErrors.TryAdd($"{operation}: {kind}", message.Length > 300 ? message[..300] + "…" : message);
        }

        series.Fail(at);
    }

    public void Mark(string what) => _events.Enqueue((Now, what));

    /// <summary>Latency histograms by operation (copies), and all case commands together under "all commands".</summary>
    public IReadOnlyDictionary<string, LatencyHistogram> Latencies(IEnumerable<string> commandOperations)
    {
        var result = new SortedDictionary<string, LatencyHistogram>(StringComparer.Ordinal);
        var all = new LatencyHistogram();
        var commands = commandOperations.ToHashSet(StringComparer.Ordinal);
        foreach (var (name, histogram) in _latencies)
        {
            var copy = new LatencyHistogram();
            lock (histogram)
            {
                copy.Add(histogram);
            }

            result[name] = copy;
            if (commands.Contains(name))
            {
                all.Add(copy);
            }
        }

        result["all commands"] = all;
        return result;
    }
}
