namespace CityActors.Deadlines.Tests;

/// <summary>What every <see cref="IDeadlineTable"/> must do, run against each implementation.</summary>
public abstract class DeadlineTableContract
{
    private static readonly DateTimeOffset T0 = TestInstants.Start;

    protected abstract Task<IDeadlineTable> CreateTableAsync();

    [Fact]
    public async Task A_batch_sets_moves_and_cancels_and_answers_the_previous_instants()
    {
        var table = await CreateTableAsync();
        var a = TestInstants.Key("a", "sla");
        var b = TestInstants.Key("b", "sla");
        (await table.ApplyAsync([Set(a, T0.AddSeconds(1)), Set(b, T0.AddSeconds(2))], default)).ShouldBe([null, null]);

        var previous = await table.ApplyAsync([Set(a, T0.AddSeconds(5)), Cancel(b), Cancel(TestInstants.Key("c", "none"))], default);

        previous.ShouldBe([T0.AddSeconds(1), T0.AddSeconds(2), null]);
        (await table.ReadAsync([a, b], default)).ShouldBe([new DeadlineEntry(a, T0.AddSeconds(5))]);
    }

    [Fact]
    public async Task A_window_read_returns_the_shards_deadlines_due_before_its_end_overdue_ones_included()
    {
        var table = await CreateTableAsync();
        var overdue = TestInstants.Key("a", "overdue");
        var soon = TestInstants.Key("b", "soon");
        var later = TestInstants.Key("c", "later");
        var otherShard = TestInstants.Key("d", "other");
        await table.ApplyAsync(
            [Set(overdue, T0.AddDays(-3), shard: 7), Set(soon, T0.AddSeconds(59), shard: 7), Set(later, T0.AddSeconds(60), shard: 7), Set(otherShard, T0, shard: 8)],
            default);

        var window = await table.ReadDueAsync(7, T0.AddSeconds(60), default);

        window.OrderBy(e => e.Due).ShouldBe([new DeadlineEntry(overdue, T0.AddDays(-3)), new DeadlineEntry(soon, T0.AddSeconds(59))]);
    }

    [Fact]
    public async Task A_fired_deadline_is_deleted_only_while_its_instant_is_unchanged()
    {
        var table = await CreateTableAsync();
        var unchanged = TestInstants.Key("a", "sla");
        var moved = TestInstants.Key("b", "sla");
        var cancelled = TestInstants.Key("c", "sla");
        await table.ApplyAsync([Set(unchanged, T0), Set(moved, T0.AddSeconds(30))], default);

        var remaining = await table.DeleteFiredAsync([new(unchanged, T0), new(moved, T0), new(cancelled, T0)], default);

        remaining.ShouldBe([new DeadlineEntry(moved, T0.AddSeconds(30))]);
        (await table.ReadAsync([unchanged, moved, cancelled], default)).ShouldBe([new DeadlineEntry(moved, T0.AddSeconds(30))]);
    }

    [Fact]
    public async Task A_grains_deadlines_are_read_by_name()
    {
        var table = await CreateTableAsync();
        await table.ApplyAsync(
            [Set(TestInstants.Key("case-1", "verify"), T0), Set(TestInstants.Key("case-1", "close"), T0.AddHours(1)), Set(TestInstants.Key("case-2", "verify"), T0)],
            default);

        var byName = await table.ReadGrainAsync(TestInstants.Grain("case-1"), default);

        byName.OrderBy(p => p.Key, StringComparer.Ordinal).ShouldBe([new("close", T0.AddHours(1)), new KeyValuePair<string, DateTimeOffset>("verify", T0)]);
    }

    [Fact]
    public async Task Large_batches_round_trip_at_microsecond_precision()
    {
        var table = await CreateTableAsync();
        var changes = Enumerable.Range(0, 5_000)
            .Select(i => Set(TestInstants.Key($"g{i % 500}", $"n{i}"), DeadlineInstant.Normalize(T0.AddTicks(i * 12_345L)), shard: i % 4))
            .ToList();
        await table.ApplyAsync(changes, default);

        var read = (await Task.WhenAll(Enumerable.Range(0, 4).Select(s => table.ReadDueAsync(s, T0.AddDays(1), default)))).SelectMany(w => w).ToList();

        read.Count.ShouldBe(5_000);
        read.ToDictionary(e => e.Key, e => e.Due).ShouldBe(changes.ToDictionary(c => c.Key, c => c.Due!.Value), ignoreOrder: true);
        (await table.DeleteFiredAsync(read, default)).ShouldBeEmpty();
        (await table.ReadDueAsync(0, DateTimeOffset.MaxValue, default)).ShouldBeEmpty();
    }

    private static DeadlineChange Set(DeadlineKey key, DateTimeOffset due, int shard = 0) => new(key, shard, due);

    private static DeadlineChange Cancel(DeadlineKey key) => new(key, 0, null);
}
