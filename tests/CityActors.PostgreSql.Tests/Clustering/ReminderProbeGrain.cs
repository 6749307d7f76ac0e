namespace CityActors.PostgreSql.Tests.Clustering;

public sealed class ReminderProbeGrain(ILocalSiloDetails silo) : Grain, IReminderProbeGrain, IRemindable
{
    public Task RegisterAsync(string name, TimeSpan dueTime, TimeSpan period) => this.RegisterOrUpdateReminder(name, dueTime, period);

    public async Task<string[]> GetNamesAsync() => [.. (await this.GetReminders()).Select(r => r.ReminderName).Order(StringComparer.Ordinal)];

    public async Task UnregisterAsync(string name)
    {
        var reminder = await this.GetReminder(name) ?? throw new InvalidOperationException($"No reminder {name}.");
        await this.UnregisterReminder(reminder);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ReminderTicks.Signal(this.GetPrimaryKeyString(), reminderName, silo.SiloAddress);
        return Task.CompletedTask;
    }
}
