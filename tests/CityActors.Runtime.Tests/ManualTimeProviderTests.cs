using CityActors.Testing;

namespace CityActors.Runtime.Tests;

public sealed class ManualTimeProviderTests
{
    [Fact]
    public void Advance_fires_due_timers_in_order_at_their_due_time()
    {
        var clock = new ManualTimeProvider();
        var start = clock.GetUtcNow();
        var fired = new List<(string, DateTimeOffset)>();
        using var late = clock.CreateTimer(_ => fired.Add(("late", clock.GetUtcNow())), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add(("early", clock.GetUtcNow())), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(10));

        fired.ShouldBe([("early", start.AddSeconds(2)), ("late", start.AddSeconds(5))]);
        clock.GetUtcNow().ShouldBe(start.AddSeconds(10));
        clock.GetTimestamp().ShouldBe(start.AddSeconds(10).UtcTicks);
    }

    [Fact]
    public void Periodic_timers_fire_once_per_period_and_stop_when_disposed()
    {
        var clock = new ManualTimeProvider();
        var count = 0;
        var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        clock.Advance(TimeSpan.FromSeconds(3.5));
        count.ShouldBe(3);
        timer.Dispose();
        clock.Advance(TimeSpan.FromSeconds(10));
        count.ShouldBe(3);
        clock.ActiveTimerCount.ShouldBe(0);
    }

    [Fact]
    public void A_zero_due_time_fires_on_the_next_advance_even_by_zero()
    {
        var clock = new ManualTimeProvider();
        var fired = false;
        using var timer = clock.CreateTimer(_ => fired = true, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        fired.ShouldBeFalse();

        clock.Advance(TimeSpan.Zero);

        fired.ShouldBeTrue();
    }

    [Fact]
    public void Time_never_moves_backwards() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new ManualTimeProvider().Advance(TimeSpan.FromTicks(-1)));
}
