using System.Text.Json.Serialization;

namespace CityActors.Runtime.Tests.Grains;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(Deposited), "deposited")]
[JsonDerivedType(typeof(Withdrawn), "withdrawn")]
public abstract record LedgerEvent;

public sealed record Deposited(decimal Amount, string By) : LedgerEvent;

public sealed record Withdrawn(decimal Amount, string By) : LedgerEvent;

public sealed class LedgerState
{
    public decimal Balance { get; set; }

    public int Transactions { get; set; }

    public List<string> Actors { get; set; } = [];
}

public interface ILedgerGrain : IGrainWithStringKey
{
    Task<decimal> Deposit(decimal amount, string by);

    Task<decimal> Withdraw(decimal amount, string by);

    Task<decimal> DepositMany(int count, decimal amount);

    Task<LedgerState> Snapshot();

    Task<long> JournalVersion();

    Task<IReadOnlyList<string>> History();

    Task Deactivate();
}

/// <summary>A tiny event-sourced account; overdrafts are refused before any event is raised.</summary>
public sealed class LedgerGrain : JournaledGrain<LedgerState, LedgerEvent>, ILedgerGrain
{
    protected override int SnapshotInterval => 4;

    public async Task<decimal> Deposit(decimal amount, string by)
    {
        await RaiseAndConfirm(new Deposited(amount, by));
        return State.Balance;
    }

    public async Task<decimal> Withdraw(decimal amount, string by)
    {
        if (amount > State.Balance)
        {
            throw new InvalidOperationException($"Balance {State.Balance} is less than {amount}.");
        }

        await RaiseAndConfirm(new Withdrawn(amount, by));
        return State.Balance;
    }

    public async Task<decimal> DepositMany(int count, decimal amount)
    {
        for (var i = 0; i < count; i++)
        {
            RaiseEvent(new Deposited(amount, "batch"));
        }

        await ConfirmEvents();
        return State.Balance;
    }

    public Task<LedgerState> Snapshot() => Task.FromResult(new LedgerState
    {
        Balance = State.Balance,
        Transactions = State.Transactions,
        Actors = [.. State.Actors],
    });

    public Task<long> JournalVersion() => Task.FromResult(ConfirmedVersion);

    public async Task<IReadOnlyList<string>> History() =>
        [.. (await RetrieveConfirmedEvents()).Select(e => $"{e.Version}:{e.Event.GetType().Name}:{e.Timestamp:HH:mm:ss}")];

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    protected override void TransitionState(LedgerState state, LedgerEvent @event)
    {
        switch (@event)
        {
            case Deposited d:
                state.Balance += d.Amount;
                state.Actors.Add(d.By);
                break;
            case Withdrawn w:
                state.Balance -= w.Amount;
                state.Actors.Add(w.By);
                break;
        }

        state.Transactions++;
    }
}
