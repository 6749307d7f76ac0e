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

    public RuntimeMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _activations = _meter.CreateUpDownCounter<long>("cityactors.activations", description: "Live grain activations.");
        _activationFailures = _meter.CreateCounter<long>("cityactors.activation.failures", description: "Activations whose OnActivateAsync or state load failed.");
        _remindersFired = _meter.CreateCounter<long>("cityactors.reminders.fired", description: "Reminder ticks delivered to grains.");
        _reminderLateness = _meter.CreateHistogram<double>("cityactors.reminders.lateness", unit: "ms", description: "Delay between a reminder tick's due time and its delivery.");
    }

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
