using CityActors.Runtime.Tests.Support;

namespace CityActors.Runtime.Tests.Grains;

public interface IReminderGrain : IGrainWithStringKey
{
    Task Register(string name, TimeSpan dueTime, TimeSpan period);

    Task RegisterAt(string name, DateTimeOffset dueAt, TimeSpan period);

    Task Unregister(string name);

    Task<IReadOnlyList<string>> List();

    [ReadOnly]
    Task<IReadOnlyList<ReceivedTick>> Received();
}

public sealed record ReceivedTick(string Name, TickStatus Status, DateTimeOffset ReceivedAt);

/// <summary>Records every tick in the probe too, because ticks may reach a fresh activation.</summary>
public sealed class ReminderGrain(TestProbe probe, ReminderLog log) : Grain, IReminderGrain, IRemindable
{
    public async Task Register(string name, TimeSpan dueTime, TimeSpan period) =>
        await RegisterOrUpdateReminder(name, dueTime, period);

    public async Task RegisterAt(string name, DateTimeOffset dueAt, TimeSpan period) =>
        await RegisterOrUpdateReminder(name, dueAt, period);

    public async Task Unregister(string name)
    {
        var reminder = await GetReminder(name) ?? throw new InvalidOperationException($"no reminder {name}");
        await UnregisterReminder(reminder);
    }

    public async Task<IReadOnlyList<string>> List() => [.. (await GetReminders()).Select(r => r.ReminderName)];

    public Task<IReadOnlyList<ReceivedTick>> Received() => Task.FromResult(log.For(GrainId.Key));

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        log.Add(GrainId.Key, new ReceivedTick(reminderName, status, TimeProvider.GetUtcNow()));
        probe.Increment($"tick:{GrainId.Key}");
        return Task.CompletedTask;
    }
}

/// <summary>Ticks received, per grain key, surviving deactivations.</summary>
public sealed class ReminderLog
{
    private readonly Dictionary<string, List<ReceivedTick>> _ticks = [];

    public void Add(string key, ReceivedTick tick)
    {
        lock (_ticks)
        {
            (_ticks.TryGetValue(key, out var list) ? list : _ticks[key] = []).Add(tick);
        }
    }

    public IReadOnlyList<ReceivedTick> For(string key)
    {
        lock (_ticks)
        {
            return _ticks.TryGetValue(key, out var list) ? [.. list] : [];
        }
    }
}
