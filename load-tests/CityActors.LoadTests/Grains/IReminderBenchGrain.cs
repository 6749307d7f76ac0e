namespace CityActors.LoadTests.Grains;

/// <summary>A grain with one stock Orleans reminder, for the deadlines benchmark's baseline.</summary>
public interface IReminderBenchGrain : IGrainWithStringKey
{
    /// <summary>Registers (or replaces) the reminder "tick"; returns once the reminder table holds it.</summary>
    Task Start(TimeSpan dueTime, TimeSpan period);
}
