using System.Text;
using CityActors.Runtime.Tests.Grains;
using CityActors.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.Runtime.Tests;

public sealed class JournalTests
{
    [Fact]
    public async Task Replay_after_deactivation_reproduces_the_state()
    {
        var (silo, _) = await TestSilos.StartAsync();
        await using var _ = silo;
        var ledger = silo.Grains.GetGrain<ILedgerGrain>("acct");
        await ledger.Deposit(100, "alice");
        await ledger.Withdraw(30, "bob");
        await ledger.Deposit(5, "carol");
        var before = await ledger.Snapshot();

        await ledger.Deactivate();
        var after = await ledger.Snapshot();

        after.Balance.ShouldBe(75);
        after.Transactions.ShouldBe(3);
        after.Actors.ShouldBe(before.Actors);
        (await ledger.JournalVersion()).ShouldBe(3);
        (await ledger.History()).ShouldBe(["1:Deposited:09:00:00", "2:Withdrawn:09:00:00", "3:Deposited:09:00:00"]);
    }

    [Fact]
    public async Task Replay_starts_from_the_latest_snapshot()
    {
        var (silo, _) = await TestSilos.StartAsync();
        await using var _ = silo;
        var ledger = silo.Grains.GetGrain<ILedgerGrain>("snap");
        for (var i = 0; i < 10; i++)
        {
            await ledger.Deposit(1, $"u{i}");
        }

        var journal = silo.Services.GetRequiredService<IJournalStorage>();
        (await journal.ReadSnapshotAsync(new GrainId("ledger", "snap"), CancellationToken.None))!.Version.ShouldBe(8);
        await ledger.Deactivate();

        var state = await ledger.Snapshot();
        state.Balance.ShouldBe(10);
        state.Actors.ShouldBe(Enumerable.Range(0, 10).Select(i => $"u{i}"));
    }

    [Fact]
    public async Task Events_raised_together_are_confirmed_together()
    {
        var (silo, _) = await TestSilos.StartAsync();
        await using var _ = silo;
        var ledger = silo.Grains.GetGrain<ILedgerGrain>("batch");

        (await ledger.DepositMany(5, 2)).ShouldBe(10);

        (await ledger.JournalVersion()).ShouldBe(5);
    }

    [Fact]
    public async Task A_refused_command_raises_no_event()
    {
        var (silo, _) = await TestSilos.StartAsync();
        await using var _ = silo;
        var ledger = silo.Grains.GetGrain<ILedgerGrain>("overdraft");
        await ledger.Deposit(10, "a");

        await Should.ThrowAsync<InvalidOperationException>(() => ledger.Withdraw(50, "b"));

        (await ledger.JournalVersion()).ShouldBe(1);
        (await ledger.Snapshot()).Balance.ShouldBe(10);
    }

    [Fact]
    public async Task A_version_conflict_fails_the_append_and_reloads_the_journal()
    {
        var (silo, _) = await TestSilos.StartAsync();
        await using var _ = silo;
        var ledger = silo.Grains.GetGrain<ILedgerGrain>("conflict");
        await ledger.Deposit(10, "a");
        var journal = silo.Services.GetRequiredService<IJournalStorage>();
        var foreign = new JournalRecord(2, DateTimeOffset.UnixEpoch, "Deposited", Encoding.UTF8.GetBytes("""{"$type":"deposited","amount":100,"by":"intruder"}"""));
        await journal.AppendAsync(new GrainId("ledger", "conflict"), 1, [foreign], default, CancellationToken.None);

        var error = await Should.ThrowAsync<InconsistentStateException>(() => ledger.Deposit(1, "a"));

        error.Message.ShouldBe("Journal of grain ledger/conflict is at version 2; the append expected version 1.");
        (await ledger.Snapshot()).Balance.ShouldBe(110);
        (await ledger.Deposit(1, "a")).ShouldBe(111);
        (await ledger.JournalVersion()).ShouldBe(3);
    }
}
