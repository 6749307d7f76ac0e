using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityActors.Deadlines;

/// <summary>
/// Group commit of deadline changes: every set and cancel that arrives while a table write is in flight goes into
/// the next write, so a silo writes one batch per table round trip however many grains change deadlines. Each caller
/// is answered only after its batch is durable; the shards holding affected deadlines are told afterwards.
/// </summary>
/// <remarks>
/// <see cref="DeadlineOptions.ConcurrentWriteBatches"/> writer loops take batches from one queue, so a batch waits for
/// a free writer rather than for the previous batch's round trip. Changes of one deadline stay in order because its
/// grain awaits each change before making the next (turn-based), so two of them are never queued at once. Within a
/// batch the last change of a key wins, which is what applying them one by one would leave.
/// </remarks>
internal sealed class DeadlineWriteBatcher : IAsyncDisposable
{
    private readonly Channel<PendingDeadlineChange> _queue = Channel.CreateUnbounded<PendingDeadlineChange>(new UnboundedChannelOptions { SingleReader = false });
    private readonly IDeadlineTable _table;
    private readonly Action<IReadOnlyList<DeadlineChange>, IReadOnlyList<DateTimeOffset?>> _committed;
    private readonly DeadlineMetrics _metrics;
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private readonly Task _writer;
    private long _batchesWritten;

    /// <param name="table">Where the batches go.</param>
    /// <param name="committed">Told of every committed batch (its changes and their previous due instants) after its callers were answered: the shard notifier.</param>
    /// <param name="metrics">Counts the changes.</param>
    /// <param name="options">The batch size limit.</param>
    /// <param name="logger">Reports failed batches.</param>
    public DeadlineWriteBatcher(
        IDeadlineTable table,
        Action<IReadOnlyList<DeadlineChange>, IReadOnlyList<DateTimeOffset?>> committed,
        DeadlineMetrics metrics,
        IOptions<DeadlineOptions> options,
        ILogger<DeadlineWriteBatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _table = table;
        _committed = committed;
        _metrics = metrics;
        _logger = logger;
        _maxBatch = options.Value.MaxWriteBatch;
        _writer = Task.WhenAll(Enumerable.Range(0, options.Value.ConcurrentWriteBatches).Select(_ => Task.Run(WriteAsync)));
    }

    /// <summary>Batches of changes written so far (for tests and diagnostics).</summary>
    public long BatchesWritten => Interlocked.Read(ref _batchesWritten);

    /// <summary>Queues <paramref name="change"/>; the task completes when it is durable.</summary>
    public Task SubmitAsync(DeadlineChange change, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingDeadlineChange(change, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(DeadlineWriteBatcher), "The silo is shutting down; the deadline change was not written.");
        }

        return pending.Answer;
    }

    /// <summary>Stops taking changes and writes those already queued.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteAsync()
    {
        var batch = new List<PendingDeadlineChange>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var pending))
            {
                if (pending.CancellationToken.IsCancellationRequested)
                {
                    pending.Cancel();
                }
                else
                {
                    batch.Add(pending);
                }
            }

            if (batch.Count > 0)
            {
                await WriteBatchAsync(batch).ConfigureAwait(false);
                batch.Clear();
            }
        }
    }

    private async Task WriteBatchAsync(List<PendingDeadlineChange> batch)
    {
        var lastOfKey = new Dictionary<DeadlineKey, int>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            lastOfKey[batch[i].Change.Key] = i;
        }

        var changes = lastOfKey.Values.Order().Select(i => batch[i].Change).ToList();
        IReadOnlyList<DateTimeOffset?> previous;
        try
        {
            previous = await _table.ApplyAsync(changes, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Nothing of the batch committed (the table applies it atomically), or whether it did is unknown: every
            // caller learns of it and may retry; a retried set or cancel is idempotent.
            DeadlineLog.WriteFailed(_logger, ex, batch.Count);
            foreach (var pending in batch)
            {
                pending.Fail(ex);
            }

            return;
        }

        Interlocked.Increment(ref _batchesWritten);
        foreach (var pending in batch)
        {
            _metrics.Changed(pending.Change.IsCancel);
            pending.Succeed();
        }

        try
        {
            _committed(changes, previous);
        }
        catch (Exception ex)
        {
            // The writer loop must outlive a failed notification: shards re-read their windows on their own.
            DeadlineLog.NotifyDispatchFailed(_logger, ex, changes.Count);
        }
    }
}
