using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CityActors.Runtime.Tests.Cluster;

public sealed class Account
{
    public long Balance { get; set; }

    public int Deposits { get; set; }
}

public sealed record Placement(string Silo, long Balance);

public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Adds and persists; returns the new balance only after the write committed.</summary>
    Task<long> Deposit(long amount);

    /// <summary>Waits for the named gate to open, then deposits (to hold a call on a silo while the cluster moves on).</summary>
    Task<long> DepositWhenOpened(string gate, long amount);

    [ReadOnly]
    Task<Placement> Where();

    Task Fail(string message);

    Task<int> Sleep(TimeSpan duration, CancellationToken cancellationToken);
}

/// <summary>Gates tests open to release calls parked in <see cref="IAccountGrain.DepositWhenOpened"/>.</summary>
public static class Gates
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> All = new();

    public static Task Wait(string name) => All.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public static void Open(string name) => All.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public static Task Reached(string name) => All.GetOrAdd($"{name}:reached", _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public static void MarkReached(string name) => Open($"{name}:reached");
}

public sealed class AccountGrain([PersistentState("account")] IPersistentState<Account> account, IOptions<SiloOptions> silo) : Grain, IAccountGrain
{
    public async Task<long> Deposit(long amount)
    {
        account.State.Balance += amount;
        account.State.Deposits++;
        await account.WriteStateAsync();
        return account.State.Balance;
    }

    public async Task<long> DepositWhenOpened(string gate, long amount)
    {
        Gates.MarkReached(gate);
        await Gates.Wait(gate);
        return await Deposit(amount);
    }

    public Task<Placement> Where() => Task.FromResult(new Placement(silo.Value.SiloName, account.State.Balance));

    public Task Fail(string message) => throw new ArgumentException(message);

    public async Task<int> Sleep(TimeSpan duration, CancellationToken cancellationToken)
    {
        await Task.Delay(duration, cancellationToken);
        return (int)duration.TotalMilliseconds;
    }
}

public sealed record ClusterTick(string Grain, string Reminder, string Silo, TickStatus Status);

public interface ITickerGrain : IGrainWithStringKey
{
    Task Start(string reminder, TimeSpan dueTime, TimeSpan period);

    [ReadOnly]
    Task<string> Silo();
}

/// <summary>Every tick any silo of the test process delivered, per grain key.</summary>
public static class TickLog
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<ClusterTick>> Ticks = new();

    public static void Add(ClusterTick tick) => Ticks.GetOrAdd(tick.Grain, _ => new()).Enqueue(tick);

    public static IReadOnlyList<ClusterTick> For(string grain) => Ticks.TryGetValue(grain, out var ticks) ? [.. ticks] : [];
}

public sealed class TickerGrain(IOptions<SiloOptions> silo) : Grain, ITickerGrain, IRemindable
{
    public Task Start(string reminder, TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder(reminder, dueTime, period);

    public Task<string> Silo() => Task.FromResult(silo.Value.SiloName);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        TickLog.Add(new ClusterTick(GrainId.Key, reminderName, silo.Value.SiloName, status));
        return Task.CompletedTask;
    }
}
