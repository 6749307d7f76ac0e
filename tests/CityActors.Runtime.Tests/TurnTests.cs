using CityActors.Runtime.Tests.Grains;
using CityActors.Runtime.Tests.Support;

namespace CityActors.Runtime.Tests;

/// <summary>
/// Each test proves that a call has *arrived* by following it with an [AlwaysInterleave] Ping: the mailbox is FIFO,
/// so once Ping returns, every earlier call has been seen by the activation and either started or queued.
/// </summary>
public sealed class TurnTests
{
    [Fact]
    public async Task Calls_run_one_at_a_time_in_arrival_order()
    {
        var (silo, probe) = await TestSilos.StartAsync();
        await using var _ = silo;
        var grain = silo.Grains.GetGrain<ITurnGrain>("serial");

        var first = grain.Work("a");
        var second = grain.Work("b");
        var third = grain.Work("c");
        await grain.Ping();
        probe.Log.ShouldBe(["start:a"]);

        probe.Signal("a");
        await first;
        await grain.Ping();
        probe.Log.ShouldBe(["start:a", "end:a", "start:b"]);

        probe.Signal("c");
        probe.Signal("b");
        await Task.WhenAll(second, third);
        probe.Log.ShouldBe(["start:a", "end:a", "start:b", "end:b", "start:c", "end:c"]);
    }

    [Fact]
    public async Task Reentrant_grains_interleave_at_await_points()
    {
        var (silo, probe) = await TestSilos.StartAsync();
        await using var _ = silo;
        var grain = silo.Grains.GetGrain<IReentrantTurnGrain>("reentrant");

        var first = grain.Work("a");
        var second = grain.Work("b");
        await grain.Ping();
        probe.Log.ShouldBe(["start:a", "start:b"]);

        probe.Signal("b");
        await second;
        probe.Signal("a");
        await first;
        probe.Log.ShouldBe(["start:a", "start:b", "end:b", "end:a"]);
    }

    [Fact]
    public async Task Read_only_calls_interleave_with_each_other_but_not_with_writes()
    {
        var (silo, probe) = await TestSilos.StartAsync();
        await using var _ = silo;
        var grain = silo.Grains.GetGrain<ITurnGrain>("readers");

        var read1 = grain.Read("r1");
        var read2 = grain.Read("r2");
        var write = grain.Work("w");
        var read3 = grain.Read("r3");
        await grain.Ping();
        probe.Log.ShouldBe(["start:r1", "start:r2"]);

        probe.Signal("r1");
        probe.Signal("r2");
        await Task.WhenAll(read1, read2);
        await grain.Ping();
        probe.Log.ShouldBe(["start:r1", "start:r2", "end:r1", "end:r2", "start:w"]);

        probe.Signal("w");
        probe.Signal("r3");
        await Task.WhenAll(write, read3);
        probe.Log.TakeLast(2).ShouldBe(["start:r3", "end:r3"]);
    }

    [Fact]
    public async Task Always_interleave_runs_while_another_call_holds_the_turn()
    {
        var (silo, probe) = await TestSilos.StartAsync();
        await using var _ = silo;
        var grain = silo.Grains.GetGrain<ITurnGrain>("busy");

        var work = grain.Work("long");
        (await grain.Ping()).ShouldBe(1);
        (await grain.Ping()).ShouldBe(2);
        work.IsCompleted.ShouldBeFalse();

        probe.Signal("long");
        await work;
    }
}
