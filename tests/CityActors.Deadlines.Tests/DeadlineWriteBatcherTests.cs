using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using System.Diagnostics.Metrics;

namespace CityActors.Deadlines.Tests;

public sealed class DeadlineWriteBatcherTests : IAsyncDisposable
{
    private readonly GatedTable _table = new();
    private readonly List<(IReadOnlyList<DeadlineChange> Changes, IReadOnlyList<DateTimeOffset?> Previous)> _committed = [];
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly DeadlineWriteBatcher _batcher;

    public DeadlineWriteBatcherTests()
    {
        _batcher = new DeadlineWriteBatcher(
            _table,
            (changes, previous) =>
            {
                lock (_committed)
                {
                    _committed.Add((changes, previous));
                }
            },
            new DeadlineMetrics(_services.GetRequiredService<IMeterFactory>()),
            // One writer, so the tests see exactly which changes share a batch.
            Options.Create(new DeadlineOptions { ConcurrentWriteBatches = 1 }),
            NullLogger<DeadlineWriteBatcher>.Instance);
    }

    [Fact]
    public async Task Several_writers_commit_every_change_once_and_answer_each_caller_after_its_batch()
    {
        var table = new MemoryDeadlineTable();
        var committed = 0;
        await using var batcher = new DeadlineWriteBatcher(
            table,
            (changes, _) => Interlocked.Add(ref committed, changes.Count),
            new DeadlineMetrics(_services.GetRequiredService<IMeterFactory>()),
            Options.Create(new DeadlineOptions { ConcurrentWriteBatches = 4 }),
            NullLogger<DeadlineWriteBatcher>.Instance);

        await Task.WhenAll(Enumerable.Range(0, 2000).Select(i => batcher.SubmitAsync(Set($"g{i}", "sla", 1), default))).WaitAsync(TimeSpan.FromSeconds(10));

        committed.ShouldBe(2000);
        (await table.ReadAsync([.. Enumerable.Range(0, 2000).Select(i => TestInstants.Key($"g{i}", "sla"))], default)).Count.ShouldBe(2000);
        batcher.BatchesWritten.ShouldBeLessThanOrEqualTo(2000);
    }

    [Fact]
    public async Task Changes_arriving_during_a_write_share_the_next_one_and_complete_only_once_it_is_durable()
    {
        _table.Hold();
        var first = _batcher.SubmitAsync(Set("g0", "sla", 1), default);
        await _table.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        var rest = Enumerable.Range(1, 500).Select(i => _batcher.SubmitAsync(Set($"g{i}", "sla", 1), default)).ToList();

        first.IsCompleted.ShouldBeFalse();
        _table.Release();
        await first.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.WhenAll(rest).WaitAsync(TimeSpan.FromSeconds(10));

        _table.Batches.ShouldBe([1, 500]);
        _batcher.BatchesWritten.ShouldBe(2);
    }

    [Fact]
    public async Task The_last_change_of_a_deadline_in_a_batch_wins()
    {
        _table.Hold();
        var blocker = _batcher.SubmitAsync(Set("other", "sla", 1), default);
        await _table.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        var set = _batcher.SubmitAsync(Set("g", "sla", 1), default);
        var moved = _batcher.SubmitAsync(Set("g", "sla", 2), default);
        var cancelled = _batcher.SubmitAsync(new DeadlineChange(TestInstants.Key("g", "sla"), 0, null), default);
        var setAgain = _batcher.SubmitAsync(Set("g", "sla", 3), default);
        _table.Release();
        await Task.WhenAll(blocker, set, moved, cancelled, setAgain).WaitAsync(TimeSpan.FromSeconds(10));

        (await _table.Inner.ReadAsync([TestInstants.Key("g", "sla")], default)).ShouldHaveSingleItem().Due.ShouldBe(TestInstants.Start.AddSeconds(3));
        _table.Batches.ShouldBe([1, 1]);
    }

    [Fact]
    public async Task A_failed_write_fails_every_caller_of_its_batch()
    {
        _table.FailNext = new InvalidOperationException("database gone");

        var error = await Should.ThrowAsync<InvalidOperationException>(() => _batcher.SubmitAsync(Set("g", "sla", 1), default));

        error.Message.ShouldBe("database gone");
        _committed.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_committed_batch_is_reported_with_previous_instants()
    {
        await _batcher.SubmitAsync(Set("g", "sla", 1), default);
        await _batcher.SubmitAsync(Set("g", "sla", 2), default);

        _committed.Select(c => c.Previous.Single()).ShouldBe([null, TestInstants.Start.AddSeconds(1)]);
    }

    public async ValueTask DisposeAsync()
    {
        await _batcher.DisposeAsync();
        await _services.DisposeAsync();
    }

    private static DeadlineChange Set(string grain, string name, int seconds) =>
        new(TestInstants.Key(grain, name), 0, TestInstants.Start.AddSeconds(seconds));

    /// <summary>A memory table whose writes can be held open, to see what queues up behind one.</summary>
    private sealed class GatedTable : IDeadlineTable
    {
        private TaskCompletionSource _gate = Completed();
        private TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public MemoryDeadlineTable Inner { get; } = new();

        public List<int> Batches { get; } = [];

        public Exception? FailNext { get; set; }

        public Task Entered => _entered.Task;

        public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _gate.TrySetResult();

        public async Task<IReadOnlyList<DateTimeOffset?>> ApplyAsync(IReadOnlyList<DeadlineChange> changes, CancellationToken cancellationToken)
        {
            _entered.TrySetResult();
            await _gate.Task;
            if (FailNext is { } error)
            {
                FailNext = null;
                throw error;
            }

            Batches.Add(changes.Count);
            return await Inner.ApplyAsync(changes, cancellationToken);
        }

        public Task<IReadOnlyList<DeadlineEntry>> ReadDueAsync(int shard, DateTimeOffset dueBefore, CancellationToken cancellationToken) => Inner.ReadDueAsync(shard, dueBefore, cancellationToken);

        public Task<IReadOnlyList<DeadlineEntry>> ReadAsync(IReadOnlyCollection<DeadlineKey> keys, CancellationToken cancellationToken) => Inner.ReadAsync(keys, cancellationToken);

        public Task<IReadOnlyDictionary<string, DateTimeOffset>> ReadGrainAsync(GrainId grain, CancellationToken cancellationToken) => Inner.ReadGrainAsync(grain, cancellationToken);

        public Task<IReadOnlyList<DeadlineEntry>> DeleteFiredAsync(IReadOnlyList<DeadlineEntry> fired, CancellationToken cancellationToken) => Inner.DeleteFiredAsync(fired, cancellationToken);

        private static TaskCompletionSource Completed()
        {
            var done = new TaskCompletionSource();
            done.SetResult();
            return done;
        }
    }
}
