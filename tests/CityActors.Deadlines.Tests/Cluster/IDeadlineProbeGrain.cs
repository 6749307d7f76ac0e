namespace CityActors.Deadlines.Tests.Cluster;

/// <summary>A grain that sets deadlines through <see cref="IDeadlines"/> and records the ones delivered to it.</summary>
public interface IDeadlineProbeGrain : IGrainWithStringKey
{
    Task Set(string name, DateTimeOffset due);

    Task SetMany(List<ProbeDeadline> deadlines);

    Task Cancel(string name);

    Task<Dictionary<string, DateTimeOffset>> Get();

    /// <summary>Makes the next <paramref name="count"/> deliveries throw, as a handler hitting a transient failure would.</summary>
    Task FailNextDeliveries(int count);
}

[GenerateSerializer, Immutable]
public sealed record ProbeDeadline([property: Id(0)] string Name, [property: Id(1)] DateTimeOffset Due);
