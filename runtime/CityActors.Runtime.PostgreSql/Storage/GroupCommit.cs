using System.Threading.Channels;

namespace CityActors.PostgreSql.Storage;

/// <summary>
/// Collects operations that arrive at the same moment and hands them to <c>execute</c> as one batch (one statement,
/// one transaction). A few workers keep several batches in flight, so under light load a batch is one operation and
/// costs what a lone statement costs. Two operations on the same key never share a batch (a statement cannot touch a
/// row twice); the later one waits for the next batch. <c>execute</c> completes every operation of its batch.
/// </summary>
internal sealed class GroupCommit<T> : IAsyncDisposable
    where T : class
{
    private const int MaxBatch = 256;

    private readonly Channel<T> _queue = Channel.CreateUnbounded<T>();
    private readonly Func<List<T>, Task> _execute;
    private readonly Func<T, object> _key;
    private readonly Task[] _workers;

    public GroupCommit(Func<List<T>, Task> execute, Func<T, object> key, int workers)
    {
        _execute = execute;
        _key = key;
        _workers = Enumerable.Range(0, workers).Select(_ => Task.Run(WorkAsync)).ToArray();
    }

    public void Enqueue(T operation)
    {
        if (!_queue.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(GetType().Name, "The storage is shut down.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers).ConfigureAwait(false);
    }

    private async Task WorkAsync()
    {
        var batch = new List<T>(MaxBatch);
        var deferred = new List<T>();
        var keys = new HashSet<object>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                (keys.Add(_key(next)) ? batch : deferred).Add(next);
            }

            if (batch.Count > 0)
            {
                await _execute(batch).ConfigureAwait(false);
            }

            foreach (var operation in deferred)
            {
                _queue.Writer.TryWrite(operation);
            }

            batch.Clear();
            deferred.Clear();
            keys.Clear();
        }
    }
}
