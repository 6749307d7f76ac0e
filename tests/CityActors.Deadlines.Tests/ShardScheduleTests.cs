namespace CityActors.Deadlines.Tests;

public sealed class ShardScheduleTests
{
    private static readonly DateTimeOffset T0 = TestInstants.Start;
    private readonly ShardSchedule _schedule = new(new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8)));

    [Fact]
    public void Takes_deadlines_in_due_order_only_once_they_are_due()
    {
        var a = TestInstants.Key("g", "a");
        var b = TestInstants.Key("g", "b");
        _schedule.ReplaceWindow([new(b, T0.AddSeconds(2)), new(a, T0.AddSeconds(1))], T0.AddMinutes(1));

        _schedule.TakeDue(T0.AddMilliseconds(999), 10).ShouldBeEmpty();
        _schedule.NextAttempt().ShouldBe(T0.AddSeconds(1));
        _schedule.TakeDue(T0.AddSeconds(5), 10).Select(d => d.Key).ShouldBe([a, b]);
        _schedule.InFlight.ShouldBe(2);
        _schedule.TakeDue(T0.AddSeconds(5), 10).ShouldBeEmpty();
    }

    [Fact]
    public void Takes_at_most_the_free_delivery_slots()
    {
        _schedule.ReplaceWindow(Enumerable.Range(0, 5).Select(i => new DeadlineEntry(TestInstants.Key("g", $"n{i}"), T0)).ToList(), T0.AddMinutes(1));

        _schedule.TakeDue(T0, 3).Count.ShouldBe(3);
        _schedule.TakeDue(T0, 3).Count.ShouldBe(2);
    }

    [Fact]
    public void A_pushed_move_replaces_the_held_instant_and_a_move_beyond_the_window_drops_it()
    {
        var key = TestInstants.Key("g", "sla");
        _schedule.ReplaceWindow([new(key, T0.AddSeconds(10))], T0.AddMinutes(1));

        _schedule.ApplyCurrent([key], [new(key, T0.AddSeconds(20))]);
        _schedule.TakeDue(T0.AddSeconds(15), 10).ShouldBeEmpty();
        _schedule.NextAttempt().ShouldBe(T0.AddSeconds(20));

        _schedule.ApplyCurrent([key], [new(key, T0.AddHours(2))]);
        _schedule.Count.ShouldBe(0);
        _schedule.NextAttempt().ShouldBeNull();
    }

    [Fact]
    public void A_pushed_row_beyond_a_stale_window_but_within_the_look_ahead_of_now_is_held()
    {
        var key = TestInstants.Key("g", "sla");
        _schedule.ReplaceWindow([], T0.AddMinutes(1));

        // The clock moved on by an hour before the window's next refresh; a row pushed now is due within its look-ahead.
        _schedule.ApplyCurrent([key], [new(key, T0.AddHours(1))], horizon: T0.AddHours(1).AddMinutes(1));

        _schedule.TakeDue(T0.AddHours(1), 10).Select(d => d.Key).ShouldBe([key]);
    }

    [Fact]
    public void A_pushed_key_without_a_row_is_forgotten()
    {
        var key = TestInstants.Key("g", "sla");
        _schedule.ReplaceWindow([new(key, T0.AddSeconds(10))], T0.AddMinutes(1));

        _schedule.ApplyCurrent([key], []);

        _schedule.Count.ShouldBe(0);
        _schedule.TakeDue(T0.AddHours(1), 10).ShouldBeEmpty();
    }

    [Fact]
    public void A_failed_delivery_is_retried_with_growing_backoff_and_keeps_its_due_instant()
    {
        var key = TestInstants.Key("g", "sla");
        _schedule.ReplaceWindow([new(key, T0)], T0.AddMinutes(1));

        var first = _schedule.TakeDue(T0, 10).ShouldHaveSingleItem();
        _schedule.Completed(first, accepted: false, T0).ShouldBeFalse();
        _schedule.NextAttempt().ShouldBe(T0.AddSeconds(1));

        var second = _schedule.TakeDue(T0.AddSeconds(1), 10).ShouldHaveSingleItem();
        second.Due.ShouldBe(T0);
        _schedule.Completed(second, accepted: false, T0.AddSeconds(1)).ShouldBeFalse();
        _schedule.NextAttempt().ShouldBe(T0.AddSeconds(3));
    }

    [Fact]
    public void A_delivered_deadline_is_held_until_its_delete_and_not_fired_again_by_a_refresh()
    {
        var key = TestInstants.Key("g", "sla");
        _schedule.ReplaceWindow([new(key, T0)], T0.AddMinutes(1));
        var fired = _schedule.TakeDue(T0, 10).ShouldHaveSingleItem();
        _schedule.Completed(fired, accepted: true, T0).ShouldBeTrue();

        // The row is still in the table until the batched delete: a refresh reads it again.
        _schedule.ReplaceWindow([new(key, T0)], T0.AddMinutes(1));
        _schedule.TakeDue(T0.AddSeconds(1), 10).ShouldBeEmpty();

        _schedule.Deleted([fired], []);
        _schedule.Count.ShouldBe(0);
    }

    [Fact]
    public void A_deadline_moved_while_in_flight_is_scheduled_by_its_new_instant()
    {
        var key = TestInstants.Key("g", "sla");
        _schedule.ReplaceWindow([new(key, T0)], T0.AddMinutes(1));
        var fired = _schedule.TakeDue(T0, 10).ShouldHaveSingleItem();

        // The grain moved it while the old instant was being delivered.
        _schedule.ApplyCurrent([key], [new(key, T0.AddSeconds(30))]);
        _schedule.Completed(fired, accepted: true, T0).ShouldBeTrue();

        // The conditional delete finds the row moved and reports it.
        _schedule.Deleted([fired], [new(key, T0.AddSeconds(30))]);
        _schedule.Find(key)!.Due.ShouldBe(T0.AddSeconds(30));
        _schedule.TakeDue(T0.AddSeconds(30), 10).ShouldHaveSingleItem().Due.ShouldBe(T0.AddSeconds(30));
    }

    [Fact]
    public void A_delete_that_finds_the_row_moved_schedules_the_new_instant()
    {
        var key = TestInstants.Key("g", "sla");
        _schedule.ReplaceWindow([new(key, T0)], T0.AddMinutes(1));
        var fired = _schedule.TakeDue(T0, 10).ShouldHaveSingleItem();
        _schedule.Completed(fired, accepted: true, T0);

        _schedule.Deleted([fired], [new(key, T0.AddSeconds(5))]);

        _schedule.NextAttempt().ShouldBe(T0.AddSeconds(5));
    }

    [Fact]
    public void A_refresh_drops_waiting_deadlines_the_table_no_longer_has()
    {
        var kept = TestInstants.Key("g", "kept");
        var gone = TestInstants.Key("g", "gone");
        _schedule.ReplaceWindow([new(kept, T0.AddSeconds(1)), new(gone, T0.AddSeconds(2))], T0.AddMinutes(1));

        _schedule.ReplaceWindow([new(kept, T0.AddSeconds(1))], T0.AddMinutes(2));

        _schedule.Count.ShouldBe(1);
        _schedule.TakeDue(T0.AddMinutes(1), 10).ShouldHaveSingleItem().Key.ShouldBe(kept);
    }

    [Fact]
    public void A_refresh_keeps_the_backoff_of_a_failing_deadline()
    {
        var key = TestInstants.Key("g", "sla");
        _schedule.ReplaceWindow([new(key, T0)], T0.AddMinutes(1));
        _schedule.Completed(_schedule.TakeDue(T0, 10).Single(), accepted: false, T0);

        _schedule.ReplaceWindow([new(key, T0)], T0.AddMinutes(1));

        _schedule.TakeDue(T0, 10).ShouldBeEmpty();
        _schedule.NextAttempt().ShouldBe(T0.AddSeconds(1));
    }

    [Fact]
    public void Wakes_each_grain_once_ahead_of_its_first_deadline_in_due_order()
    {
        var schedule = WarmingSchedule();
        schedule.ReplaceWindow(
        [
            new(TestInstants.Key("b", "x"), T0.AddSeconds(40)),
            new(TestInstants.Key("a", "x"), T0.AddSeconds(35)),
            new(TestInstants.Key("a", "y"), T0.AddSeconds(50)),
        ], T0.AddMinutes(1));

        schedule.NextWarm().ShouldBe(T0.AddSeconds(5));
        schedule.TakeToWarm(T0.AddSeconds(4), 10).ShouldBeEmpty();
        schedule.TakeToWarm(T0.AddSeconds(20), 10).ShouldBe([TestInstants.Grain("a"), TestInstants.Grain("b")]);

        // Grain a was woken 30 s before its first deadline; the second comes within the span, so it is not woken again.
        schedule.TakeToWarm(T0.AddSeconds(25), 10).ShouldBeEmpty();
        schedule.NextWarm().ShouldBeNull();
    }

    [Fact]
    public void Wakes_at_most_the_free_warming_slots_and_the_rest_on_the_next_call()
    {
        var schedule = WarmingSchedule();
        schedule.ReplaceWindow(Enumerable.Range(0, 5).Select(i => new DeadlineEntry(TestInstants.Key($"g{i}", "sla"), T0.AddSeconds(10 + i))).ToList(), T0.AddMinutes(1));

        schedule.TakeToWarm(T0, 3).Count.ShouldBe(3);
        schedule.TakeToWarm(T0, 3).ShouldBe([TestInstants.Grain("g3"), TestInstants.Grain("g4")]);
    }

    [Fact]
    public void A_grain_delivered_to_lately_is_not_woken_but_one_called_longer_ago_is()
    {
        var schedule = WarmingSchedule();
        var first = TestInstants.Key("g", "first");
        schedule.ReplaceWindow([new(first, T0)], T0.AddMinutes(1));
        schedule.TakeToWarm(T0, 10).ShouldBeEmpty("a deadline already due is woken by its delivery");
        schedule.Completed(schedule.TakeDue(T0, 10).Single(), accepted: true, T0);

        schedule.ApplyCurrent([TestInstants.Key("g", "soon"), TestInstants.Key("g", "later")],
            [new(TestInstants.Key("g", "soon"), T0.AddSeconds(20)), new(TestInstants.Key("g", "later"), T0.AddSeconds(59))]);

        schedule.TakeToWarm(T0.AddSeconds(10), 10).ShouldBeEmpty("delivered to 10 s ago, within the span");
        schedule.TakeToWarm(T0.AddSeconds(31), 10).ShouldBe([TestInstants.Grain("g")]);
    }

    [Fact]
    public void Cancelled_moved_and_started_deadlines_wake_nothing()
    {
        var schedule = WarmingSchedule();
        var cancelled = TestInstants.Key("cancelled", "sla");
        var moved = TestInstants.Key("moved", "sla");
        var started = TestInstants.Key("started", "sla");
        schedule.ReplaceWindow([new(cancelled, T0.AddSeconds(40)), new(moved, T0.AddSeconds(40)), new(started, T0.AddSeconds(1))], T0.AddMinutes(1));
        schedule.TakeDue(T0.AddSeconds(1), 1).Single().Key.ShouldBe(started);

        schedule.ApplyCurrent([cancelled, moved], [new(moved, T0.AddHours(1))]);

        schedule.TakeToWarm(T0.AddSeconds(30), 10).ShouldBeEmpty();
        schedule.NextWarm().ShouldBeNull();
    }

    [Fact]
    public void Without_a_warm_ahead_span_nothing_is_woken()
    {
        _schedule.ReplaceWindow([new(TestInstants.Key("g", "sla"), T0.AddSeconds(10))], T0.AddMinutes(1));

        _schedule.NextWarm().ShouldBeNull();
        _schedule.TakeToWarm(T0.AddSeconds(9), 10).ShouldBeEmpty();
    }

    private static ShardSchedule WarmingSchedule() =>
        new(new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8)), TimeSpan.FromSeconds(30));
}
