using System.Diagnostics.Metrics;

namespace CityActors.Runtime.Hosting;

/// <summary>Runtime instruments on the "CityActors.Runtime" meter; exporters (OpenTelemetry, dotnet-counters) subscribe by that name.</summary>
internal sealed class RuntimeMetrics : IDisposable
{
    public const string MeterName = "CityActors.Runtime";

    private readonly Meter _meter;
    private readonly UpDownCounter<long> _activations;
    private readonly Counter<long> _activationFailures;
    private readonly Counter<long> _remindersFired;
    private readonly Histogram<double> _reminderLateness;
    private readonly Counter<long> _calls;
    private readonly Histogram<double> _callLatency;
    private readonly Counter<long> _shardMoves;
    private readonly Counter<long> _leaseRenewals;
    private readonly Histogram<double> _storageLatency;

    public RuntimeMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _activations = _meter.CreateUpDownCounter<long>("cityactors.activations", description: "Live grain activations.");
        _activationFailures = _meter.CreateCounter<long>("cityactors.activation.failures", description: "Activations whose OnActivateAsync or state load failed.");
        _remindersFired = _meter.CreateCounter<long>("cityactors.reminders.fired", description: "Reminder ticks delivered to grains.");
        _reminderLateness = _meter.CreateHistogram<double>("cityactors.reminders.lateness", unit: "ms", description: "Delay between a reminder tick's due time and its delivery.");
        _calls = _meter.CreateCounter<long>("cityactors.calls", description: "Grain calls completed by activations of this silo.");
        _callLatency = _meter.CreateHistogram<double>("cityactors.call.latency", unit: "ms", description: "Time from a call's arrival at the silo to its completion, queueing included.");
        _shardMoves = _meter.CreateCounter<long>("cityactors.shards.moves", description: "Shards acquired (direction=in) or given up (direction=out, lost) by this silo.");
        _leaseRenewals = _meter.CreateCounter<long>("cityactors.leases.renewals", description: "Lease renewal rounds (outcome=ok or failed).");
        _storageLatency = _meter.CreateHistogram<double>("cityactors.storage.latency", unit: "ms", description: "Durable storage operations by grains (state writes, journal appends).");
    }

    /// <summary>Publishes the total number of queued and running requests across activations, read when collected.</summary>
    public void ObserveMailboxDepth(Func<long> depth) =>
        _meter.CreateObservableGauge("cityactors.mailbox.depth", depth, description: "Requests queued or running in this silo's activations.");

    public void CallCompleted(TimeSpan elapsed)
    {
        _calls.Add(1);
        _callLatency.Record(elapsed.TotalMilliseconds);
    }

    public void ShardsMoved(int count, string direction) => _shardMoves.Add(count, new KeyValuePair<string, object?>("direction", direction));

    public void LeaseRenewal(bool ok) => _leaseRenewals.Add(1, new KeyValuePair<string, object?>("outcome", ok ? "ok" : "failed"));

    public void StorageOperation(string operation, TimeSpan elapsed) =>
        _storageLatency.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("operation", operation));

    public void Activated() => _activations.Add(1);

    public void Deactivated() => _activations.Add(-1);

    public void ActivationFailed() => _activationFailures.Add(1);

    public void ReminderFired(TimeSpan lateness)
    {
        _remindersFired.Add(1);
        _reminderLateness.Record(lateness.TotalMilliseconds);
    }

    public void Dispose() => _meter.Dispose();
}
