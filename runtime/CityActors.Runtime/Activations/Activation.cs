using CityActors.Runtime.Invocation;

namespace CityActors.Runtime.Activations;

/// <summary>
/// One in-memory instance of a grain and its mailbox. Everything the grain does runs as work items of this object,
/// one at a time, on thread-pool threads: requests, timer ticks and the continuations of the grain's own awaits (this
/// class is the synchronization context they are posted to). That single loop is what makes grain code
/// single-threaded without locks.
/// </summary>
/// <remarks>
/// Only <see cref="TryEnqueue"/> is called from other threads; it takes a short lock. Fields marked "loop-owned" are
/// touched only from the loop.
/// </remarks>
internal sealed partial class Activation : SynchronizationContext, IThreadPoolWorkItem
{
    // How many batches one scheduling quantum may drain before yielding the thread to other activations.
    private const int BatchesPerQuantum = 8;

    private readonly object _lock = new();
    private Queue<WorkItem> _incoming = new();
    private Queue<WorkItem> _batch = new();
    private bool _scheduled;
    private volatile ActivationStatus _status;

    public Activation(Catalog catalog, GrainId grainId, GrainClassInfo grainClass, FencingToken fence)
    {
        Catalog = catalog;
        GrainId = grainId;
        GrainClass = grainClass;
        Fence = fence;
        _lastActivity = catalog.Time.GetTimestamp();
    }

    public GrainId GrainId { get; }

    public GrainClassInfo GrainClass { get; }

    public Catalog Catalog { get; }

    public FencingToken Fence { get; }

    public ActivationStatus Status => _status;

    public override string ToString() => $"activation of {GrainId} ({_status})";

    /// <summary>Queues a request (a call, timer tick or stream item); false when this activation is gone and the caller must resolve a new one.</summary>
    public bool TryEnqueueRequest(GrainRequest request) => TryEnqueue(new WorkItem(WorkKind.Request, request, null));

    public override void Post(SendOrPostCallback d, object? state)
    {
        if (!TryEnqueue(new WorkItem(WorkKind.Callback, d, state)))
        {
            // A continuation of grain code that outlived its activation: run it rather than lose it.
            ThreadPool.UnsafeQueueUserWorkItem(static s => s.d(s.state), (d, state), preferLocal: false);
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Grain code cannot block on its own activation; await instead.");

    public override SynchronizationContext CreateCopy() => this;

    void IThreadPoolWorkItem.Execute()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            for (var round = 0; ; round++)
            {
                lock (_lock)
                {
                    if (_incoming.Count == 0)
                    {
                        _scheduled = false;
                        return;
                    }

                    if (round == BatchesPerQuantum)
                    {
                        // Still busy: stay scheduled but give other activations a turn on this thread.
                        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                        return;
                    }

                    (_incoming, _batch) = (_batch, _incoming);
                }

                while (_batch.TryDequeue(out var item))
                {
                    Process(item);
                }
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    private bool TryEnqueue(WorkItem item)
    {
        bool schedule;
        lock (_lock)
        {
            if (_status == ActivationStatus.Invalid)
            {
                return false;
            }

            _incoming.Enqueue(item);
            schedule = !_scheduled;
            _scheduled = true;
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }

        return true;
    }

    private void Process(WorkItem item)
    {
        try
        {
            switch (item.Kind)
            {
                case WorkKind.Request:
                    OnRequestArrived((GrainRequest)item.Target!);
                    break;
                case WorkKind.Callback:
                    ((SendOrPostCallback)item.Target!)(item.State);
                    break;
                case WorkKind.CheckDeadlines:
                    CheckDeadlines();
                    break;
                case WorkKind.CollectIfIdle:
                    CollectIfIdle((TimeSpan)item.State!);
                    break;
                case WorkKind.Deactivate:
                    RequestDeactivation((DeactivationReason)item.State!);
                    break;
            }
        }
        catch (Exception ex)
        {
            // Grain code reports failures through tasks; anything reaching here is an async-void throw or a runtime bug.
            // Log it and keep the loop alive: other callers of this grain must still be served.
            Catalog.Log.WorkItemFailed(ex, GrainId, item.Kind.ToString());
        }
    }

    private bool TryEnqueueSystem(WorkKind kind, object? state) => TryEnqueue(new WorkItem(kind, null, state));

    private readonly record struct WorkItem(WorkKind Kind, object? Target, object? State);

    private enum WorkKind
    {
        Request,
        Callback,
        CheckDeadlines,
        CollectIfIdle,
        Deactivate,
    }
}

internal enum ActivationStatus
{
    Created,
    Activating,
    Active,
    Deactivating,
    Invalid,
}
