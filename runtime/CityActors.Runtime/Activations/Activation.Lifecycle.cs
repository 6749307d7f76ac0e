using CityActors.Runtime.Invocation;
using CityActors.Runtime.Storage;
using CityActors.Runtime.Timers;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.Runtime.Activations;

/// <summary>Activation, deactivation and the resources (timers, subscriptions) that live as long as the activation.</summary>
internal sealed partial class Activation
{
    // Loop-owned.
    private Grain? _grain;
    private readonly List<IPersistentStateLoader> _stateLoaders = [];
    private DeactivationReason? _pendingDeactivation;
    private long _keepAliveUntil;
    private List<GrainTimer>? _timers;
    private List<IDisposable>? _resources;

    // Guarded by _lock.
    private TaskCompletionSource? _invalidated;

    /// <summary>Completes when the activation has been removed from the catalog.</summary>
    public Task WhenInvalidated()
    {
        lock (_lock)
        {
            if (_status == ActivationStatus.Invalid)
            {
                return Task.CompletedTask;
            }

            _invalidated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _invalidated.Task;
        }
    }

    /// <summary>Asks the activation to deactivate once no request is running; false if it is already gone.</summary>
    public bool EnqueueDeactivation(DeactivationReason reason) => TryEnqueueSystem(WorkKind.Deactivate, reason);

    /// <summary>Asks the loop to deactivate if it has been idle for <paramref name="age"/>.</summary>
    public void EnqueueCollectionCheck(TimeSpan age) => TryEnqueueSystem(WorkKind.CollectIfIdle, age);

    /// <summary>From grain code: deactivate when the current request finishes; waiting calls go to a fresh activation.</summary>
    public void DeactivateOnIdle() => _pendingDeactivation ??= new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "The grain called DeactivateOnIdle.");

    /// <summary>From grain code: stay active at least this long even when idle.</summary>
    public void DelayDeactivation(TimeSpan duration)
    {
        _keepAliveUntil = Catalog.Time.GetTimestamp() + Catalog.ToTimestampTicks(duration);
        Volatile.Write(ref _lastActivity, Catalog.Time.GetTimestamp());
    }

    public void AddTimer(GrainTimer timer) => (_timers ??= []).Add(timer);

    public void RemoveTimer(GrainTimer timer) => _timers?.Remove(timer);

    /// <summary>Disposed when the activation deactivates (stream subscriptions bound to this grain).</summary>
    public void AddResource(IDisposable resource) => (_resources ??= []).Add(resource);

    private void BeginActivation()
    {
        _status = ActivationStatus.Activating;
        _ = ActivateAsync();
    }

    // Runs on this activation's loop: every await below resumes here because this object is the synchronization context.
    private async Task ActivateAsync()
    {
        var timeout = Catalog.Options.ActivationTimeout;
        using var cancellation = new CancellationTokenSource(timeout, Catalog.Time);
        try
        {
            // WaitAsync enforces the limit even when grain code ignores the token.
            await ActivateCoreAsync(cancellation.Token).WaitAsync(cancellation.Token);
        }
        catch (Exception ex)
        {
            Catalog.Log.ActivationFailed(ex, GrainId);
            var error = cancellation.IsCancellationRequested && ex is OperationCanceledException
                ? new GrainActivationException($"Activation of grain {GrainId} did not finish within {timeout}.", ex)
                : new GrainActivationException(GrainId, ex);
            Catalog.Metrics.ActivationFailed();
            FailAllWaiting(error);
            _status = ActivationStatus.Deactivating;
            ReleaseResources();
            Invalidate(error);
            return;
        }

        _status = ActivationStatus.Active;
        Catalog.Metrics.Activated();
        Pump();
    }

    private async Task ActivateCoreAsync(CancellationToken cancellationToken)
    {
        _grain = CreateGrain();
        foreach (var state in _stateLoaders)
        {
            await state.ReadStateAsync(cancellationToken);
        }

        await _grain.OnActivatingAsync(cancellationToken);
        await _grain.OnActivateAsync(cancellationToken);
    }

    private Grain CreateGrain()
    {
        var bindings = GrainClass.States;
        var args = bindings.Count == 0 ? [] : new object[bindings.Count];
        for (var i = 0; i < bindings.Count; i++)
        {
            var binding = bindings[i];
            var storage = Catalog.Services.GetRequiredKeyedService<IGrainStorage>(binding.StorageName);
            var state = binding.Create(GrainId, storage, new GrainStateContext(binding.StateName, Catalog.Json, () => Fence));
            _stateLoaders.Add(state);
            args[i] = state;
        }

        return Grain.Construct(this, () => (Grain)GrainClass.Factory(Catalog.Services, args));
    }

    private void OnIdle()
    {
        if (_pendingDeactivation is { } reason)
        {
            StartDeactivation(reason);
        }
    }

    private void CollectIfIdle(TimeSpan age)
    {
        var now = Catalog.Time.GetTimestamp();
        if (_status == ActivationStatus.Active && _running.Count == 0 && _waiting.Count == 0
            && now - LastActivityTimestamp >= Catalog.ToTimestampTicks(age) && now >= _keepAliveUntil)
        {
            RequestDeactivation(new DeactivationReason(DeactivationReasonCode.IdleTimeout, $"Idle for {age} or more."));
        }
    }

    private void RequestDeactivation(DeactivationReason reason)
    {
        switch (_status)
        {
            case ActivationStatus.Created:
                _status = ActivationStatus.Deactivating;
                Invalidate(null);
                break;
            case ActivationStatus.Activating:
                _pendingDeactivation ??= reason;
                break;
            case ActivationStatus.Active:
                _pendingDeactivation ??= reason;
                if (_running.Count == 0)
                {
                    StartDeactivation(_pendingDeactivation.Value);
                }

                break;
        }
    }

    private void StartDeactivation(DeactivationReason reason)
    {
        _status = ActivationStatus.Deactivating;
        _pendingDeactivation = null;
        _ = DeactivateAsync(reason);
    }

    private async Task DeactivateAsync(DeactivationReason reason)
    {
        StopTimers();
        using var cancellation = new CancellationTokenSource(Catalog.Options.DeactivationTimeout, Catalog.Time);
        try
        {
            await _grain!.OnDeactivateAsync(reason, cancellation.Token).WaitAsync(cancellation.Token);
        }
        catch (Exception ex)
        {
            Catalog.Log.DeactivationFailed(ex, GrainId, reason.Code);
        }

        ReleaseResources();
        Catalog.Metrics.Deactivated();
        Catalog.Log.Deactivated(GrainId, reason.Code);
        Invalidate(null);
    }

    private void StopTimers()
    {
        if (_timers is null)
        {
            return;
        }

        foreach (var timer in _timers.ToArray())
        {
            timer.Dispose();
        }

        _timers.Clear();
    }

    private void ReleaseResources()
    {
        StopTimers();
        if (_resources is null)
        {
            return;
        }

        foreach (var resource in _resources.ToArray())
        {
            resource.Dispose();
        }

        _resources.Clear();
    }

    /// <summary>
    /// Leaves the catalog. Requests that were still queued go to a fresh activation (or fail with
    /// <paramref name="failure"/> when activation failed, so a broken grain is not retried in a loop).
    /// </summary>
    private void Invalidate(Exception? failure)
    {
        var leftovers = new List<GrainRequest>(_waiting);
        _waiting.Clear();
        List<WorkItem>? callbacks = null;
        TaskCompletionSource? invalidated;
        lock (_lock)
        {
            _status = ActivationStatus.Invalid;
            foreach (var item in _incoming)
            {
                if (item.Kind == WorkKind.Request)
                {
                    leftovers.Add((GrainRequest)item.Target!);
                }
                else if (item.Kind == WorkKind.Callback)
                {
                    (callbacks ??= []).Add(item);
                }
            }

            _incoming.Clear();
            invalidated = _invalidated;
        }

        _outstanding = 0;
        Catalog.Remove(this);

        // References may still cache this activation; do not let them keep the grain's state alive.
        _grain = null;
        _stateLoaders.Clear();
        foreach (var request in leftovers)
        {
            if (failure is null)
            {
                Catalog.Forward(request);
            }
            else
            {
                request.TryFail(failure);
            }
        }

        if (callbacks is not null)
        {
            foreach (var callback in callbacks)
            {
                Process(callback);
            }
        }

        invalidated?.TrySetResult();
    }
}
