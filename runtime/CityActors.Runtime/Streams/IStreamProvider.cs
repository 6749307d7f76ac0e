namespace CityActors;

/// <summary>Names a stream within a provider.</summary>
public readonly record struct StreamId(string Namespace, string Key)
{
    public override string ToString() => $"{Namespace}/{Key}";
}

/// <summary>A named source of streams.</summary>
public interface IStreamProvider
{
    string Name { get; }

    IAsyncStream<T> GetStream<T>(StreamId id);
}

/// <summary>
/// A live, non-durable pub/sub stream. Items reach each subscriber in publication order; a subscription made on a
/// grain's turn receives items as turns of that grain and ends when the activation ends.
/// </summary>
public interface IAsyncStream<T>
{
    StreamId Id { get; }

    /// <summary>Publishes <paramref name="item"/> and completes when every current subscriber has handled it.</summary>
    Task OnNextAsync(T item, CancellationToken cancellationToken = default);

    Task<StreamSubscription> SubscribeAsync(Func<T, CancellationToken, Task> onNext);
}

/// <summary>An active subscription; dispose it to stop receiving items.</summary>
public sealed class StreamSubscription : IDisposable
{
    private Action? _unsubscribe;

    internal StreamSubscription(StreamId streamId, Action unsubscribe)
    {
        StreamId = streamId;
        _unsubscribe = unsubscribe;
    }

    public StreamId StreamId { get; }

    public bool IsActive => Volatile.Read(ref _unsubscribe) is not null;

    public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
}
