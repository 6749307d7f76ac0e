using CityActors.Runtime.Tests.Grains;
using CityActors.Runtime.Tests.Support;

namespace CityActors.Runtime.Tests;

public sealed class TimerTests
{
    [Fact]
    public async Task Timers_tick_at_due_time_then_every_period_on_the_grain_turn()
    {
        var (silo, _) = await TestSilos.StartAsync();
        await using var _ = silo;
        var start = silo.Clock.GetUtcNow();
        var grain = silo.Grains.GetGrain<ITimerGrain>("t");
        await grain.Start(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), interleave: false);

        silo.Clock.Advance(TimeSpan.FromSeconds(4));
        (await grain.Ticks()).ShouldBeEmpty();
        silo.Clock.Advance(TimeSpan.FromSeconds(1));
        (await grain.Ticks()).ShouldBe([start.AddSeconds(5)]);
        silo.Clock.Advance(TimeSpan.FromSeconds(9));
        (await grain.Ticks()).Count.ShouldBe(1);
        silo.Clock.Advance(TimeSpan.FromSeconds(1));
        (await grain.Ticks()).ShouldBe([start.AddSeconds(5), start.AddSeconds(15)]);

        await grain.Stop();
        silo.Clock.Advance(TimeSpan.FromMinutes(5));
        (await grain.Ticks()).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_tick_waits_for_the_running_call_unless_it_interleaves()
    {
        var (silo, probe) = await TestSilos.StartAsync();
        await using var _ = silo;
        var grain = silo.Grains.GetGrain<ITimerGrain>("blocked");
        await grain.Start(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan, interleave: false);

        var block = grain.Block("gate");
        silo.Clock.Advance(TimeSpan.FromSeconds(1));
        var ticks = grain.Ticks();
        probe.Signal("gate");
        await block;

        (await ticks).Count.ShouldBe(1);
        probe.Log.ShouldBe(["block:start", "block:end", "tick"]);
    }

    [Fact]
    public async Task Interleaving_ticks_run_while_a_call_is_awaiting()
    {
        var (silo, probe) = await TestSilos.StartAsync();
        await using var _ = silo;
        var grain = silo.Grains.GetGrain<ITimerGrain>("interleaved");
        await grain.Start(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan, interleave: true);

        var block = grain.Block("gate");
        silo.Clock.Advance(TimeSpan.FromSeconds(1));
        await probe.WaitFor("tick:interleaved:1");
        probe.Log.ShouldBe(["block:start", "tick"]);
        block.IsCompleted.ShouldBeFalse();
        probe.Signal("gate");
        await block;
    }

    [Fact]
    public async Task Timers_end_with_the_activation()
    {
        var (silo, probe) = await TestSilos.StartAsync();
        var grain = silo.Grains.GetGrain<ITimerGrain>("ends");
        await grain.Start(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), interleave: false);
        silo.Clock.Advance(TimeSpan.FromSeconds(1));
        await probe.WaitFor("tick:ends:1");

        await silo.DisposeAsync();

        // The grain timer, like the silo's own sweeps and reminder timer, is disarmed.
        silo.Clock.ActiveTimerCount.ShouldBe(0);
    }
}
