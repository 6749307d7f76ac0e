namespace CityActors.PostgreSql.Tests.Clustering;

/// <summary>Registers, lists and removes Orleans reminders on itself, and reports their ticks through <see cref="ReminderTicks"/>.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task RegisterAsync(string name, TimeSpan dueTime, TimeSpan period);

    Task<string[]> GetNamesAsync();

    Task UnregisterAsync(string name);
}
