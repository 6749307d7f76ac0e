using System.Collections.Concurrent;
using System.Collections.Immutable;
using CityActors.Runtime.Activations;
using CityActors.Runtime.Invocation;

namespace CityActors.Runtime.Streams;

/// <summary>In-process pub/sub: the live-feed transport of embedded mode. Nothing is stored; items published with no subscriber are gone.</summary>
public sealed class MemoryStreamProvider(string name) : IStreamProvider
{
    private readonly ConcurrentDictionary<(StreamId Id, Type ItemType), object> _streams = new();

    public string Name { get; } = name;

    public IAsyncStream<T> GetStream<T>(StreamId id) =>
        (IAsyncStream<T>)_streams.GetOrAdd((id, typeof(T)), static key => new MemoryStream<T>(key.Id));

    /// <summary>Live subscriptions on a stream (for diagnostics and tests).</summary>
    internal int CountSubscribers<T>(StreamId id) =>
        _streams.TryGetValue((id, typeof(T)), out var stream) ? ((MemoryStream<T>)stream).SubscriberCount : 0;

    private sealed class MemoryStream<T>(StreamId id) : IAsyncStream<T>
    {
        private ImmutableArray<Subscriber> _subscribers = [];

        public StreamId Id { get; } = id;

        public int SubscriberCount => _subscribers.Length;

        public Task OnNextAsync(T item, CancellationToken cancellationToken = default)
        {
            var subscribers = _subscribers; // a struct over one array reference: reads are atomic
            if (subscribers.IsEmpty)
            {
                return Task.CompletedTask;
            }

            var deliveries = new Task[subscribers.Length];
            for (var i = 0; i < subscribers.Length; i++)
            {
                deliveries[i] = Deliver(subscribers[i], item, cancellationToken);
            }

            return Task.WhenAll(deliveries);
        }

        public Task<StreamSubscription> SubscribeAsync(Func<T, CancellationToken, Task> onNext)
        {
            ArgumentNullException.ThrowIfNull(onNext);
            var subscriber = new Subscriber(onNext, SynchronizationContext.Current as Activation);
            ImmutableInterlocked.Update(ref _subscribers, static (list, s) => list.Add(s), subscriber);
            var subscription = new StreamSubscription(Id, () => Remove(subscriber));
            subscriber.Subscription = subscription;
            subscriber.Activation?.AddResource(subscription);
            return Task.FromResult(subscription);
        }

        private Task Deliver(Subscriber subscriber, T item, CancellationToken cancellationToken)
        {
            if (subscriber.Activation is null)
            {
                return subscriber.OnNext(item, cancellationToken);
            }

            var request = new StreamItemRequest(subscriber, item, Id);
            var result = request.ResultTask;
            if (!subscriber.Activation.TryEnqueueRequest(request))
            {
                // The subscribing activation is gone, and its subscription with it.
                subscriber.Subscription?.Dispose();
                return Task.CompletedTask;
            }

            return result;
        }

        private void Remove(Subscriber subscriber) =>
            ImmutableInterlocked.Update(ref _subscribers, static (list, s) => list.Remove(s), subscriber);

        private sealed class Subscriber(Func<T, CancellationToken, Task> onNext, Activation? activation)
        {
            public Func<T, CancellationToken, Task> OnNext { get; } = onNext;

            public Activation? Activation { get; } = activation;

            public StreamSubscription? Subscription { get; set; }
        }

        private sealed class StreamItemRequest(Subscriber subscriber, T item, StreamId streamId) : GrainRequest<Unit>
        {
            public override string InterfaceName => "stream";

            public override string MethodName => streamId.ToString();

            protected override ValueTask<Unit> InvokeCore(object grain) => FromTask(subscriber.OnNext(item, CancellationToken.None));
        }
    }
}
