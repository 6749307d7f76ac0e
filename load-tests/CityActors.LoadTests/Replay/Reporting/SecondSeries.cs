using HdrHistogram;

namespace CityActors.LoadTests.Replay.Reporting;

/// <summary>
/// One second of a run for one kind of traffic (case commands, sensor batches): what the schedule offered in it, what
/// was acknowledged in it, the errors, and the latencies of what was acknowledged (from intended send time).
/// </summary>
public sealed class SecondBucket
{
    private readonly LongHistogram _latency = new(1, (long)TimeSpan.FromHours(1).TotalMicroseconds, 2);

    public long Offered { get; set; }

    public long Achieved { get; set; }

    public long Items { get; set; }

    public long Errors { get; set; }

    public void Record(long microseconds) => _latency.RecordValue(Math.Clamp(microseconds, 1, _latency.HighestTrackableValue));

    public double PercentileMilliseconds(double percentile) => _latency.TotalCount == 0 ? double.NaN : _latency.GetValueAtPercentile(percentile) / 1e3;
}

/// <summary>Per-second buckets of one kind of traffic, from the start of the run; thread-safe.</summary>
public sealed class SecondSeries
{
    private readonly List<SecondBucket> _buckets = [];
    private readonly Lock _lock = new();

    public void Offer(TimeSpan at) => Change(at, b => b.Offered++);

    public void Achieve(TimeSpan at, TimeSpan latency, int items = 1) => Change(at, b =>
    {
        b.Achieved++;
        b.Items += items;
        b.Record((long)latency.TotalMicroseconds);
    });

    public void Fail(TimeSpan at) => Change(at, b => b.Errors++);

    /// <summary>A copy of each second's figures: (offered, achieved, items, errors, p50 ms, p99 ms).</summary>
    public IReadOnlyList<(long Offered, long Achieved, long Items, long Errors, double P50, double P99)> Snapshot()
    {
        lock (_lock)
        {
            return [.. _buckets.Select(b => (b.Offered, b.Achieved, b.Items, b.Errors, b.PercentileMilliseconds(50), b.PercentileMilliseconds(99)))];
        }
    }

    /// <summary>Figures of the second before <paramref name="now"/> (the last whole second), for the progress display.</summary>
    public (long Achieved, long Items, double P99) LastWholeSecond(TimeSpan now)
    {
        var index = (int)now.TotalSeconds - 1;
        lock (_lock)
        {
            return index >= 0 && index < _buckets.Count ? (_buckets[index].Achieved, _buckets[index].Items, _buckets[index].PercentileMilliseconds(99)) : (0, 0, double.NaN);
        }
    }

    private void Change(TimeSpan at, Action<SecondBucket> change)
    {
        var index = Math.Max(0, (int)at.TotalSeconds);
        lock (_lock)
        {
            while (_buckets.Count <= index)
            {
                _buckets.Add(new SecondBucket());
            }

            change(_buckets[index]);
        }
    }
}
