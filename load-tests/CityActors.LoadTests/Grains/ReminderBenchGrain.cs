using CityActors.LoadTests.Measurement;

namespace CityActors.LoadTests.Grains;

/// <summary>Registers one stock Orleans reminder and logs the lateness of its ticks.</summary>
public sealed class ReminderBenchGrain(ReminderTickLog log) : Grain, IReminderBenchGrain, IRemindable
{
    public const string ReminderName = "tick";

    public Task Start(TimeSpan dueTime, TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, dueTime, period);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        log.Record(status, DateTime.UtcNow);
        return Task.CompletedTask;
    }
}
