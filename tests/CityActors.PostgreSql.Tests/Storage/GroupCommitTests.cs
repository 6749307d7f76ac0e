using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CityActors.PostgreSql.Tests.Storage;

/// <summary>
/// The batching rules on their own, without a database. A first operation holds the only worker until the test has
/// queued the rest, so which operations wait together is known.
/// </summary>
public sealed class GroupCommitTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly List<string[]> _batches = [];
    private readonly TaskCompletionSource _blockerRunning = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _releaseBlocker = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact]
    public async Task Operations_waiting_together_share_one_batch_and_equal_keys_go_to_later_batches()
    {
        await using var commit = Create(Succeed, maxBatchSize: 10);
        await BlockAsync(commit);

        var operations = Enqueue(commit, "a", "b", "a", "c", "a");
        _releaseBlocker.SetResult();
        var answers = await Task.WhenAll(operations.Select(o => o.Answer)).WaitAsync(Guard);

        _batches.ShouldBe([["blocker"], ["a", "b", "c"], ["a"], ["a"]]);
        answers.ShouldBe(["a", "b", "a", "c", "a"]);
    }

    [Fact]
    public async Task A_batch_holds_at_most_the_maximum()
    {
        await using var commit = Create(Succeed, maxBatchSize: 10);
        await BlockAsync(commit);

        var operations = Enqueue(commit, Enumerable.Range(0, 25).Select(i => $"k{i}").ToArray());
        _releaseBlocker.SetResult();
        await Task.WhenAll(operations.Select(o => o.Answer)).WaitAsync(Guard);

        _batches.Skip(1).Select(b => b.Length).ShouldBe([10, 10, 5]);
    }

    [Fact]
    public async Task A_statement_error_caused_by_one_operation_is_narrowed_down_to_that_operation()
    {
        await using var commit = Create(batch =>
        {
            if (batch.Any(o => o.Key == "poison"))
            {
                throw new PostgresException("invalid input syntax for type json", "ERROR", "ERROR", PostgresErrorCodes.InvalidTextRepresentation);
            }

            Succeed(batch);
        });
        await BlockAsync(commit);

        var operations = Enqueue(commit, "k0", "k1", "k2", "k3", "k4", "poison", "k6", "k7");
        _releaseBlocker.SetResult();
        await Task.WhenAll(operations.Select(o => o.Answer)).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(Guard);

        operations.Where(o => o.Key != "poison").ShouldAllBe(o => o.Answer.IsCompletedSuccessfully);
        operations[5].Answer.Exception!.InnerException.ShouldBeOfType<PostgresException>();
        _batches.ShouldContain(b => b.SequenceEqual(new[] { "poison" }));
        _batches.Count(b => b.Contains("k0")).ShouldBe(2); // the whole batch, then the healthy half once
    }

    [Fact]
    public async Task A_connection_failure_fails_the_whole_batch_without_retrying()
    {
        var lost = new NpgsqlException("Exception while reading from stream");
        await using var commit = Create(_ => throw lost);
        await BlockAsync(commit);

        var operations = Enqueue(commit, "a", "b", "c");
        _releaseBlocker.SetResult();
        await Task.WhenAll(operations.Select(o => o.Answer)).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(Guard);

        operations.ShouldAllBe(o => o.Answer.Exception!.InnerException == lost);
        _batches.Count.ShouldBe(2);
    }

    [Fact]
    public async Task An_operation_cancelled_while_queued_is_never_executed()
    {
        await using var commit = Create(Succeed);
        await BlockAsync(commit);
        using var cancellation = new CancellationTokenSource();
        var cancelled = new Operation("cancelled", cancellation.Token);
        commit.Enqueue(cancelled);
        var kept = Enqueue(commit, "kept");

        await cancellation.CancelAsync();
        _releaseBlocker.SetResult();

        await Should.ThrowAsync<OperationCanceledException>(() => cancelled.Answer.WaitAsync(Guard));
        (await kept[0].Answer.WaitAsync(Guard)).ShouldBe("kept");
        _batches.ShouldNotContain(b => b.Contains("cancelled"));
    }

    [Fact]
    public async Task Disposing_completes_queued_operations_and_refuses_new_ones()
    {
        var commit = Create(Succeed);
        await BlockAsync(commit);
        var queued = Enqueue(commit, "queued");

        var disposing = commit.DisposeAsync();
        _releaseBlocker.SetResult();
        await disposing.AsTask().WaitAsync(Guard);

        (await queued[0].Answer).ShouldBe("queued");
        var late = Enqueue(commit, "late");
        await Should.ThrowAsync<ObjectDisposedException>(() => late[0].Answer);
    }

    private GroupCommit<Operation> Create(Action<IReadOnlyList<Operation>> execute, int maxBatchSize = 100) =>
        new(
            "test",
            async batch =>
            {
                lock (_batches)
                {
                    _batches.Add(batch.Select(o => o.Key).ToArray());
                }

                if (batch.Any(o => o.Key == "blocker"))
                {
                    _blockerRunning.SetResult();
                    await _releaseBlocker.Task;
                    Succeed(batch);
                    return;
                }

                execute(batch);
            },
            o => o.Key,
            concurrentBatches: 1,
            maxBatchSize,
            NullLogger.Instance);

    private async Task BlockAsync(GroupCommit<Operation> commit)
    {
        commit.Enqueue(new Operation("blocker"));
        await _blockerRunning.Task.WaitAsync(Guard);
    }

    private static Operation[] Enqueue(GroupCommit<Operation> commit, params string[] keys)
    {
        var operations = keys.Select(k => new Operation(k)).ToArray();
        foreach (var operation in operations)
        {
            commit.Enqueue(operation);
        }

        return operations;
    }

    private static void Succeed(IReadOnlyList<Operation> batch)
    {
        foreach (var operation in batch)
        {
            operation.Succeed(operation.Key);
        }
    }

    internal sealed class Operation(string key, CancellationToken cancellationToken = default) : PendingOperation<string>(cancellationToken)
    {
        public string Key { get; } = key;
    }
}
