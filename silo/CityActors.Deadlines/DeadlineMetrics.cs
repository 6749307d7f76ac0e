using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CityActors.Deadlines;

/// <summary>The "CityActors.Deadlines" meter: deliveries, their lateness, failures, changes, and deadlines pending in the shards' windows on this silo.</summary>
public sealed class DeadlineMetrics
{
    public const string MeterName = "CityActors.Deadlines";

    private readonly Counter<long> _fired;
    private readonly Histogram<double> _lateness;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _changes;
    private readonly Counter<long> _woken;

    // Pending count per shard active on this silo, as each shard last reported it.
    private readonly ConcurrentDictionary<int, int> _pending = new();

    public DeadlineMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _fired = meter.CreateCounter<long>("cityactors.deadlines.fired", "{deadline}", "Deadlines delivered to (and accepted by) their grain.");
        _lateness = meter.CreateHistogram<double>("cityactors.deadlines.lateness", "s", "How long after its due instant a deadline was delivered.");
        _failures = meter.CreateCounter<long>("cityactors.deadlines.delivery_failures", "{attempt}", "Deliveries that failed and will be retried.");
        _changes = meter.CreateCounter<long>("cityactors.deadlines.changes", "{change}", "Deadlines set or cancelled (tag op = set | cancel).");
        _woken = meter.CreateCounter<long>("cityactors.deadlines.woken", "{grain}", "Grains called ahead of a deadline so they are active when it comes due.");
        meter.CreateObservableGauge("cityactors.deadlines.pending_in_window", () => _pending.Values.Sum(), "{deadline}", "Deadlines held in memory by the shards active on this silo.");
    }

    internal void Fired(TimeSpan lateness)
    {
        _fired.Add(1);
        _lateness.Record(Math.Max(0, lateness.TotalSeconds));
    }

    internal void Woken() => _woken.Add(1);

    internal void DeliveryFailed() => _failures.Add(1);

    internal void Changed(bool cancel) => _changes.Add(1, new KeyValuePair<string, object?>("op", cancel ? "cancel" : "set"));

    internal void ReportPending(int shard, int pending) => _pending[shard] = pending;

    internal void ShardGone(int shard) => _pending.TryRemove(shard, out _);
}
