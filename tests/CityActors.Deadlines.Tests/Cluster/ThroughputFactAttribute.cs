namespace CityActors.Deadlines.Tests.Cluster;

/// <summary>A measurement, not a check: runs only when CITYACTORS_DEADLINES_THROUGHPUT=1 (best in Release), skipped otherwise.</summary>
public sealed class ThroughputFactAttribute : FactAttribute
{
    public const string EnvironmentVariable = "CITYACTORS_DEADLINES_THROUGHPUT";

    public ThroughputFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) != "1")
        {
            Skip = $"Throughput measurement; set {EnvironmentVariable}=1 to run it.";
        }
    }
}
