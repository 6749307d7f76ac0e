using CityActors.Runtime.Reminders;
using CityActors.Runtime.Tests.Grains;
using CityActors.Runtime.Tests.Support;
using CityActors.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.Runtime.Tests;

public sealed class ReminderTests
{
    [Fact]
    public async Task A_one_shot_reminder_fires_once_at_its_sub_second_due_time_and_is_removed()
    {
        var (silo, _) = await TestSilos.StartAsync();
        await using var _ = silo;
        var start = silo.Clock.GetUtcNow();
        var grain = silo.Grains.GetGrain<IReminderGrain>("once");
        await grain.Register("sla-warning", TimeSpan.FromMilliseconds(1500), TimeSpan.Zero);
        (await grain.List()).ShouldBe(["sla-warning"]);

        silo.Clock.Advance(TimeSpan.FromMilliseconds(1499));
        (await grain.Received()).ShouldBeEmpty();
        silo.Clock.Advance(TimeSpan.FromMilliseconds(1));

        var tick = (await grain.Received()).ShouldHaveSingleItem();
        tick.Name.ShouldBe("sla-warning");
        tick.Status.CurrentTickTime.ShouldBe(start.AddMilliseconds(1500));
        tick.Status.Lateness.ShouldBe(TimeSpan.Zero);
        tick.ReceivedAt.ShouldBe(start.AddMilliseconds(1500));
        (await grain.List()).ShouldBeEmpty();
        silo.Clock.Advance(TimeSpan.FromHours(1));
        (await grain.Received()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_reminder_set_for_an_instant_fires_then_or_at_once_with_its_lateness_if_already_past()
    {
        var (silo, _) = await TestSilos.StartAsync();
        await using var _ = silo;
        var start = silo.Clock.GetUtcNow();
        var grain = silo.Grains.GetGrain<IReminderGrain>("deadline");
        await grain.RegisterAt("red", start.AddMinutes(30), TimeSpan.Zero);
        await grain.RegisterAt("missed", start.AddMinutes(-5), TimeSpan.Zero);

        silo.Clock.Advance(TimeSpan.Zero);
        var missed = (await grain.Received()).ShouldHaveSingleItem();
        (missed.Name, missed.Status.CurrentTickTime, missed.Status.Lateness).ShouldBe(("missed", start.AddMinutes(-5), TimeSpan.FromMinutes(5)));

        silo.Clock.Advance(TimeSpan.FromMinutes(30));
        var red = (await grain.Received())[1];
        (red.Name, red.Status.CurrentTickTime, red.ReceivedAt).ShouldBe(("red", start.AddMinutes(30), start.AddMinutes(30)));
    }

    [Fact]
    public async Task A_periodic_reminder_keeps_its_period_until_unregistered()
    {
        var (silo, _) = await TestSilos.StartAsync();
        await using var _ = silo;
        var start = silo.Clock.GetUtcNow();
        var grain = silo.Grains.GetGrain<IReminderGrain>("periodic");
        await grain.Register("patrol", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));

        for (var i = 0; i < 3; i++)
        {
            silo.Clock.Advance(i == 0 ? TimeSpan.FromMinutes(1) : TimeSpan.FromMinutes(5));
            await grain.Received();
        }

        (await grain.Received()).Select(t => t.Status.CurrentTickTime)
            .ShouldBe([start.AddMinutes(1), start.AddMinutes(6), start.AddMinutes(11)]);

        await grain.Unregister("patrol");
        silo.Clock.Advance(TimeSpan.FromMinutes(30));
        (await grain.Received()).Count.ShouldBe(3);
    }

    [Fact]
    public async Task Re_registering_replaces_the_schedule()
    {
        var (silo, _) = await TestSilos.StartAsync();
        await using var _ = silo;
        var start = silo.Clock.GetUtcNow();
        var grain = silo.Grains.GetGrain<IReminderGrain>("moved");
        await grain.Register("deadline", TimeSpan.FromMinutes(10), TimeSpan.Zero);
        await grain.Register("deadline", TimeSpan.FromMinutes(20), TimeSpan.Zero);

        silo.Clock.Advance(TimeSpan.FromMinutes(15));
        (await grain.Received()).ShouldBeEmpty();
        silo.Clock.Advance(TimeSpan.FromMinutes(5));
        (await grain.Received()).ShouldHaveSingleItem().Status.CurrentTickTime.ShouldBe(start.AddMinutes(20));
    }

    [Fact]
    public async Task After_a_restart_missed_ticks_fire_once_with_their_lateness_and_the_period_grid_holds()
    {
        var table = new MemoryReminderTable();
        var clock = new ManualTimeProvider();
        var start = clock.GetUtcNow();
        var (first, _) = await TestSilos.StartAsync(services: s => s.AddSingleton<IReminderTable>(table), time: clock);
        await first.Grains.GetGrain<IReminderGrain>("r").Register("inspection", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await first.DisposeAsync();

        clock.Advance(TimeSpan.FromMinutes(5.5));
        var (second, _) = await TestSilos.StartAsync(services: s => s.AddSingleton<IReminderTable>(table), time: clock);
        await using var _ = second;
        var grain = second.Grains.GetGrain<IReminderGrain>("r");

        var missed = (await grain.Received()).ShouldHaveSingleItem();
        missed.Status.CurrentTickTime.ShouldBe(start.AddMinutes(1));
        missed.Status.Lateness.ShouldBe(TimeSpan.FromMinutes(4.5));
        clock.Advance(TimeSpan.FromSeconds(30));
        var next = (await grain.Received())[^1];
        next.Status.CurrentTickTime.ShouldBe(start.AddMinutes(6));
        next.Status.Lateness.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public async Task Invalid_reminder_arguments_are_refused()
    {
        var (silo, _) = await TestSilos.StartAsync();
        await using var _ = silo;
        var grain = silo.Grains.GetGrain<IReminderGrain>("bad");

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => grain.Register("x", TimeSpan.FromSeconds(-1), TimeSpan.Zero));
        await Should.ThrowAsync<ArgumentException>(() => grain.Register(" ", TimeSpan.Zero, TimeSpan.Zero));
    }

    [Fact]
    public void Next_tick_stays_on_the_period_grid()
    {
        var first = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var entry = new ReminderEntry(new GrainId("t", "k"), "n", first, TimeSpan.FromMinutes(10), first, null);

        entry.NextTickAfter(first.AddMinutes(-5)).ShouldBe(first);
        entry.NextTickAfter(first).ShouldBe(first.AddMinutes(10));
        entry.NextTickAfter(first.AddMinutes(35)).ShouldBe(first.AddMinutes(40));
    }
}
