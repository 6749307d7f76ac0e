namespace CityActors;

/// <summary>Implemented by grains that register reminders; the runtime calls it for every tick.</summary>
public interface IRemindable : IGrain
{
    Task ReceiveReminder(string reminderName, TickStatus status);
}

/// <summary>One reminder tick.</summary>
/// <param name="FirstTickTime">When the reminder first became due.</param>
/// <param name="Period">Time between ticks; zero for a one-shot reminder.</param>
/// <param name="CurrentTickTime">When this tick was due.</param>
/// <param name="Lateness">How late the tick was delivered (after a failover or restart this includes the downtime).</param>
public readonly record struct TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime, TimeSpan Lateness);

/// <summary>A registered reminder.</summary>
public interface IGrainReminder
{
    string ReminderName { get; }

    DateTimeOffset FirstTickTime { get; }

    TimeSpan Period { get; }

    DateTimeOffset NextDueTime { get; }
}
