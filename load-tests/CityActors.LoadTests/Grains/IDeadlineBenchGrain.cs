namespace CityActors.LoadTests.Grains;

/// <summary>A grain of the deadlines benchmark: sets durable deadlines and receives them.</summary>
public interface IDeadlineBenchGrain : IGrainWithStringKey
{
    /// <summary>Sets the deadline <paramref name="name"/> through <c>IDeadlines</c>; returns once it is durable.</summary>
    Task Set(string name, DateTimeOffset due);
}
