namespace CityActors.Runtime.Hosting;

/// <summary>Names exporters subscribe to: the activity source of grain-call spans and the runtime meter.</summary>
public static class RuntimeTelemetry
{
    public const string SourceName = Telemetry.SourceName;

    public const string MeterName = RuntimeMetrics.MeterName;
}
