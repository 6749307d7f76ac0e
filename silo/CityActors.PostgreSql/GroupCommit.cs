using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CityActors.PostgreSql;

/// <summary>
/// Group commit: operations that wait at the same moment go to PostgreSQL together, as one statement in one
/// transaction, and each caller is answered only after that statement committed. A few batches are kept in flight at
/// once, so under light load a batch holds one operation and costs what a lone statement costs, while under heavy load
/// a thousand callers share a handful of connections and commits.
/// </summary>
/// <remarks>
/// <para>Two operations with the same conflict key never share a batch (one statement cannot change a row twice);
/// the later one goes into a following batch of the same worker.</para>
/// <para>When a statement fails with an error that one operation's data can cause (bad JSON, a constraint, a
/// deadlock), nothing of it committed, so the batch is split in halves and retried until the failing operation is
/// alone: only its caller sees the error. Any other failure (connection lost, server gone) fails the whole batch, since
/// whether it committed is unknown and must not be guessed.</para>
/// </remarks>
internal sealed class GroupCommit<T> : IAsyncDisposable
    where T : PendingOperation
{
    private readonly Channel<T> _queue = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });
    private readonly string _name;
    private readonly Func<IReadOnlyList<T>, Task> _execute;
    private readonly Func<T, object>? _conflictKey;
    private readonly int _maxBatchSize;
    private readonly ILogger _logger;
    private readonly Task[] _workers;

    /// <param name="name">What the batches write, for log messages.</param>
    /// <param name="execute">Runs one batch as one statement and answers every operation in it, or throws when the statement failed.</param>
    /// <param name="conflictKey">Operations with equal keys are never batched together; null when any may share a batch.</param>
    /// <param name="concurrentBatches">Batches in flight at once (each holds one connection while it runs).</param>
    /// <param name="maxBatchSize">Most operations in one statement.</param>
    /// <param name="logger">Where failed batches are reported.</param>
    public GroupCommit(string name, Func<IReadOnlyList<T>, Task> execute, Func<T, object>? conflictKey, int concurrentBatches, int maxBatchSize, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(concurrentBatches);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatchSize);
        _name = name;
        _execute = execute;
        _conflictKey = conflictKey;
        _maxBatchSize = maxBatchSize;
        _logger = logger;
        _workers = Enumerable.Range(0, concurrentBatches).Select(_ => Task.Run(WorkAsync)).ToArray();
    }

    /// <summary>Queues <paramref name="operation"/>; its answer completes after its batch.</summary>
    public void Enqueue(T operation)
    {
        if (!_queue.Writer.TryWrite(operation))
        {
            operation.Fail(new ObjectDisposedException(GetType().Name, $"The {_name} batcher is shut down; nothing was written."));
        }
    }

    /// <summary>Stops taking operations and completes those already queued.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers).ConfigureAwait(false);
    }

    private async Task WorkAsync()
    {
        var batch = new List<T>(_maxBatchSize);
        var keys = new HashSet<object>();
        var postponed = new List<T>();
        var carried = new List<T>();
        while (carried.Count > 0 || await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Operations postponed last round go first, so a conflicting operation is not overtaken forever.
            foreach (var operation in carried)
            {
                Admit(operation, batch, keys, postponed);
            }

            while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var next))
            {
                Admit(next, batch, keys, postponed);
            }

            if (batch.Count > 0)
            {
                await RunAsync(batch).ConfigureAwait(false);
            }

            (carried, postponed) = (postponed, carried);
            postponed.Clear();
            batch = new List<T>(_maxBatchSize);
            keys.Clear();
        }
    }

    private void Admit(T operation, List<T> batch, HashSet<object> keys, List<T> postponed)
    {
        if (operation.CancellationToken.IsCancellationRequested)
        {
            operation.Cancel();
        }
        else if (batch.Count >= _maxBatchSize || (_conflictKey is not null && !keys.Add(_conflictKey(operation))))
        {
            postponed.Add(operation);
        }
        else
        {
            batch.Add(operation);
        }
    }

    private async Task RunAsync(List<T> batch)
    {
        try
        {
            await _execute(batch).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (batch.Count > 1 && CausedByOneOperation(ex))
        {
            GroupCommitLog.SplittingBatch(_logger, ex, _name, batch.Count, ex.SqlState);
            var half = batch.Count / 2;
            await RunAsync(batch[..half]).ConfigureAwait(false);
            await RunAsync(batch[half..]).ConfigureAwait(false);
            return;
        }
        catch (Exception ex)
        {
            GroupCommitLog.BatchFailed(_logger, ex, _name, batch.Count);
            foreach (var operation in batch)
            {
                operation.Fail(ex);
            }

            return;
        }

        foreach (var operation in batch.Where(o => !o.IsAnswered))
        {
            operation.Fail(new InvalidOperationException($"The {_name} batch completed without answering this operation."));
        }
    }

    /// <summary>
    /// Errors a single operation's data can cause: a row changed twice by one statement (21000: two operations of the
    /// batch touching one row, which splitting separates), data exceptions (22: invalid JSON, bad text), integrity violations
    /// (23: a racing append), transaction rollbacks (40: deadlock, serialization) and program limits (54: a value too
    /// large). The server sent them, so the statement's transaction rolled back and a retry writes nothing twice.
    /// </summary>
    private static bool CausedByOneOperation(PostgresException error) =>
        error.SqlState == PostgresErrorCodes.CardinalityViolation
        || error.SqlState.StartsWith("22", StringComparison.Ordinal)
        || error.SqlState.StartsWith("23", StringComparison.Ordinal)
        || error.SqlState.StartsWith("40", StringComparison.Ordinal)
        || error.SqlState.StartsWith("54", StringComparison.Ordinal);
}
