namespace CityActors.Deadlines.Tests.Cluster;

/// <summary>One deadline delivered to a probe grain.</summary>
public sealed record Delivery(GrainId Grain, DeadlineFired Fired);

/// <summary>
/// Every delivery to probe grains in the test's cluster (one instance shared by its silos, which run in this process).
/// Tests wait on it for a condition to become true: the wait ends when a delivery makes it so, not by polling.
/// </summary>
public sealed class DeliveryLog
{
    private static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(60);

    private readonly Lock _lock = new();
    private readonly List<Delivery> _deliveries = [];
    private readonly List<GrainId> _wakes = [];
    private readonly List<(Func<IReadOnlyList<Delivery>, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public void Record(GrainId grain, DeadlineFired fired)
    {
        lock (_lock)
        {
            _deliveries.Add(new Delivery(grain, fired));
            ReleaseWaiters();
        }
    }

    /// <summary>Records a wake-up call ahead of a deadline of <paramref name="grain"/>.</summary>
    public void RecordWake(GrainId grain)
    {
        lock (_lock)
        {
            _wakes.Add(grain);
            ReleaseWaiters();
        }
    }

    public int WakesOf(GrainId grain)
    {
        lock (_lock)
        {
            return _wakes.Count(g => g == grain);
        }
    }

    /// <summary>Waits until <paramref name="grain"/> has been woken ahead of a deadline at least once.</summary>
    public Task WaitForWakeAsync(GrainId grain) => WaitForAsync(_ => _wakes.Contains(grain));

    public IReadOnlyList<Delivery> All()
    {
        lock (_lock)
        {
            return [.. _deliveries];
        }
    }

    public IReadOnlyList<Delivery> Of(GrainId grain) => All().Where(d => d.Grain == grain).ToList();

    /// <summary>Waits (event-driven, with a generous real-time safety net) until <paramref name="condition"/> holds for the deliveries so far.</summary>
    public Task WaitForAsync(Func<IReadOnlyList<Delivery>, bool> condition)
    {
        lock (_lock)
        {
            if (condition(_deliveries))
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((condition, done));
            return done.Task.WaitAsync(SafetyTimeout);
        }
    }

    // Called under the lock.
    private void ReleaseWaiters()
    {
        foreach (var waiter in _waiters.Where(w => w.Condition(_deliveries)).ToList())
        {
            _waiters.Remove(waiter);
            waiter.Done.TrySetResult();
        }
    }

    /// <summary>The first delivery of <paramref name="name"/> to <paramref name="grain"/>, once it happens.</summary>
    public async Task<Delivery> WaitForAsync(GrainId grain, string name)
    {
        await WaitForAsync(all => all.Any(d => d.Grain == grain && d.Fired.Name == name));
        return Of(grain).First(d => d.Fired.Name == name);
    }
}
