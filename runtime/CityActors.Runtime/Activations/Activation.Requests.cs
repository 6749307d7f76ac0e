using CityActors.Runtime.Invocation;

namespace CityActors.Runtime.Activations;

/// <summary>Turn-based scheduling of requests: who may run now, who waits, and what happens when a request ends.</summary>
internal sealed partial class Activation
{
    // Loop-owned.
    private readonly List<GrainRequest> _running = new(1);
    private readonly Queue<GrainRequest> _waiting = new();
    private int _runningExclusive;
    private int _runningReadOnly;
    private bool _pumping;

    // Read by the catalog's sweeps from other threads; written by the loop.
    private volatile int _outstanding;
    private long _lastActivity;
    private int _deadlineCheckQueued;

    /// <summary>Requests running or waiting here; the deadline sweep looks only at activations where this is non-zero.</summary>
    public bool HasOutstandingRequests => _outstanding > 0;

    public int OutstandingCount => _outstanding;

    public long LastActivityTimestamp => Volatile.Read(ref _lastActivity);

    /// <summary>Called when an asynchronous request completes (posted back onto this loop by its awaiter).</summary>
    public void OnRequestFinished(GrainRequest request)
    {
        Retire(request);
        Pump();
    }

    /// <summary>Asks the loop to fail requests whose deadline has passed; at most one such check is queued at a time.</summary>
    public void ScheduleDeadlineCheck()
    {
        if (Interlocked.Exchange(ref _deadlineCheckQueued, 1) == 0 && !TryEnqueueSystem(WorkKind.CheckDeadlines, null))
        {
            Volatile.Write(ref _deadlineCheckQueued, 0);
        }
    }

    private void OnRequestArrived(GrainRequest request)
    {
        if (request.IsCompleted)
        {
            return;
        }

        if (_status == ActivationStatus.Invalid)
        {
            Catalog.Forward(request);
            return;
        }

        if (Catalog.Time.GetTimestamp() >= request.DeadlineTimestamp)
        {
            request.ExpireDeadline(running: false);
            return;
        }

        if (_status == ActivationStatus.Created)
        {
            // Queue first: activation may finish (or fail) synchronously and then serves or fails everything waiting.
            _waiting.Enqueue(request);
            _outstanding = _waiting.Count;
            BeginActivation();
            return;
        }

        if (CanStart(request, isQueueHead: false))
        {
            if (Run(request))
            {
                Retire(request);
                Pump();
            }
        }
        else
        {
            _waiting.Enqueue(request);
            _outstanding = _running.Count + _waiting.Count;
        }
    }

    private bool CanStart(GrainRequest request, bool isQueueHead)
    {
        // A pending deactivation holds new turns back; whatever waits is forwarded to the next activation.
        if (_status != ActivationStatus.Active || _pendingDeactivation is not null)
        {
            return false;
        }

        if (request.IsAlwaysInterleave || GrainClass.IsReentrant)
        {
            return true;
        }

        // First come, first served: nothing overtakes a request that is already waiting.
        if (!isQueueHead && _waiting.Count > 0)
        {
            return false;
        }

        return _runningExclusive == 0 && (request.IsReadOnly || _runningReadOnly == 0);
    }

    /// <summary>Starts the request's turn; true when it already finished.</summary>
    private bool Run(GrainRequest request)
    {
        _running.Add(request);
        if (!request.IsAlwaysInterleave)
        {
            if (request.IsReadOnly)
            {
                _runningReadOnly++;
            }
            else
            {
                _runningExclusive++;
            }
        }

        _outstanding = _running.Count + _waiting.Count;
        return request.Start(this, _grain!);
    }

    private void Retire(GrainRequest request)
    {
        var index = _running.IndexOf(request);
        if (index < 0)
        {
            return;
        }

        _running.RemoveAt(index);
        if (!request.IsAlwaysInterleave)
        {
            if (request.IsReadOnly)
            {
                _runningReadOnly--;
            }
            else
            {
                _runningExclusive--;
            }
        }

        _outstanding = _running.Count + _waiting.Count;
        if (request.CountsAsActivity)
        {
            var now = Catalog.Time.GetTimestamp();
            Volatile.Write(ref _lastActivity, now);
            Catalog.Metrics.CallCompleted(Catalog.Time.GetElapsedTime(request.StartTimestamp, now));
        }

        request.OnRetired(this);
    }

    /// <summary>Starts waiting requests, in order, for as long as the head of the queue may run.</summary>
    private void Pump()
    {
        if (_pumping)
        {
            return;
        }

        _pumping = true;
        try
        {
            while (_waiting.TryPeek(out var next))
            {
                if (next.IsCompleted)
                {
                    _waiting.Dequeue();
                    continue;
                }

                if (!CanStart(next, isQueueHead: true))
                {
                    break;
                }

                _waiting.Dequeue();
                if (Run(next))
                {
                    Retire(next);
                }
            }

            _outstanding = _running.Count + _waiting.Count;
        }
        finally
        {
            _pumping = false;
        }

        if (_running.Count == 0 && _status == ActivationStatus.Active)
        {
            OnIdle();
        }
    }

    private void CheckDeadlines()
    {
        Volatile.Write(ref _deadlineCheckQueued, 0);
        var now = Catalog.Time.GetTimestamp();
        foreach (var request in _running)
        {
            if (now >= request.DeadlineTimestamp)
            {
                // The caller stops waiting; the grain keeps its turn until its code returns, as in Orleans.
                request.ExpireDeadline(running: true);
            }
            else if (request.CancelRequested)
            {
                request.CancelCallToken();
            }
        }

        var count = _waiting.Count;
        for (var i = 0; i < count; i++)
        {
            var request = _waiting.Dequeue();
            if (now >= request.DeadlineTimestamp)
            {
                request.ExpireDeadline(running: false);
            }
            else if (!request.IsCompleted)
            {
                _waiting.Enqueue(request);
            }
        }

        _outstanding = _running.Count + _waiting.Count;
        Pump();
    }

    /// <summary>Fails every request still here (used when activation fails).</summary>
    private void FailAllWaiting(Exception error)
    {
        while (_waiting.TryDequeue(out var request))
        {
            request.TryFail(error);
        }

        _outstanding = _running.Count;
    }
}
