namespace CityActors.Deadlines;

/// <summary>
/// The in-memory side of one deadline shard: the table's rows of the shard due before <see cref="LoadedUntil"/>, in
/// a priority queue by next attempt, with each one's delivery state. The shard grain calls it from its turns only, so
/// it needs no locking; it is plain so tests can drive every interleaving without a silo.
/// </summary>
/// <remarks>
/// The table is the truth. Whatever the schedule learns from it (a window read, the rows of pushed keys, the rows a
/// conditional delete found moved) replaces what it held for those keys, except that a deadline already handed to its
/// grain with the same due instant keeps its state, so it is neither fired twice nor forgotten before its delete.
/// A replaced in-flight deadline finishes its delivery; its conditional delete then fails harmlessly.
/// </remarks>
internal sealed class ShardSchedule(RetryBackoff backoff, TimeSpan warmAhead = default)
{
    private readonly Dictionary<DeadlineKey, ScheduledDeadline> _current = [];

    // Ordered by next attempt; entries replaced, removed or started stay in it until they surface and are skipped.
    private PriorityQueue<ScheduledDeadline, DateTimeOffset> _queue = new();

    // Deadlines whose grain may need waking before they come due, ordered by due instant; skipped like _queue.
    private PriorityQueue<ScheduledDeadline, DateTimeOffset> _toWarm = new();

    // When this shard last called each grain (woke it or delivered to it): a grain called within the warm-ahead
    // span is taken to be active still, so its next deadline does not wake it again.
    private readonly Dictionary<GrainId, DateTimeOffset> _lastCalled = [];

    /// <summary>Every row of the shard due before this instant is known here (or on its way through a push).</summary>
    public DateTimeOffset LoadedUntil { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>Deadlines held: waiting, in flight or awaiting their delete.</summary>
    public int Count => _current.Count;

    public int InFlight { get; private set; }

    /// <summary>Replaces the window by a fresh read of every row due before <paramref name="until"/>.</summary>
    public void ReplaceWindow(IReadOnlyList<DeadlineEntry> rows, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(rows);
        LoadedUntil = until;
        var read = new HashSet<DeadlineKey>(rows.Count);
        foreach (var row in rows)
        {
            read.Add(row.Key);
            Learn(row);
        }

        // Waiting deadlines the table no longer has due in the window were cancelled, moved out or fired elsewhere.
        // Delivered or in-flight ones finish on their own: their conditional delete finds out.
        foreach (var key in _current.Where(p => !read.Contains(p.Key) && p.Value.State == DeliveryState.Waiting).Select(p => p.Key).ToList())
        {
            _current.Remove(key);
        }

        // Rebuilding drops the skipped entries that replacements left in the queues.
        var waiting = _current.Values.Where(d => d.State == DeliveryState.Waiting).ToList();
        _queue = new PriorityQueue<ScheduledDeadline, DateTimeOffset>(waiting.Select(d => (d, d.NextAttempt)));
        _toWarm = new PriorityQueue<ScheduledDeadline, DateTimeOffset>(
            warmAhead > TimeSpan.Zero ? waiting.Where(d => d.FailedAttempts == 0).Select(d => (d, d.Due)) : []);
    }

    /// <summary>
    /// Applies the current rows of <paramref name="keys"/> (absent when the key has no row). A row due before the window
    /// or before <paramref name="horizon"/> (now plus the look-ahead) is held: the window may be older than the clock
    /// (its refresh has not run since the clock moved on), and a pushed row due within the look-ahead must not wait for
    /// that refresh.
    /// </summary>
    public void ApplyCurrent(IReadOnlyCollection<DeadlineKey> keys, IReadOnlyList<DeadlineEntry> rows, DateTimeOffset horizon = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(rows);
        var until = horizon > LoadedUntil ? horizon : LoadedUntil;
        var found = new Dictionary<DeadlineKey, DeadlineEntry>(rows.Count);
        foreach (var row in rows)
        {
            found[row.Key] = row;
        }

        foreach (var key in keys)
        {
            if (found.TryGetValue(key, out var row) && row.Due < until)
            {
                Learn(row);
            }
            else
            {
                // Cancelled or moved beyond the look-ahead (the window brings it back in time).
                _current.Remove(key);
            }
        }
    }

    /// <summary>Takes up to <paramref name="max"/> deadlines whose next attempt is at or before <paramref name="now"/> and marks them in flight.</summary>
    public IReadOnlyList<ScheduledDeadline> TakeDue(DateTimeOffset now, int max)
    {
        List<ScheduledDeadline>? due = null;
        while ((due?.Count ?? 0) < max && _queue.TryPeek(out var next, out var at))
        {
            if (!IsQueued(next, at))
            {
                _queue.Dequeue();
                continue;
            }

            if (at > now)
            {
                break;
            }

            _queue.Dequeue();
            next.State = DeliveryState.InFlight;
            InFlight++;
            (due ??= []).Add(next);
        }

        return due ?? (IReadOnlyList<ScheduledDeadline>)[];
    }

    /// <summary>
    /// Takes up to <paramref name="max"/> grains to wake now: those with a deadline due within the warm-ahead span of
    /// <paramref name="now"/> that this shard has not called within that span. Waking a grain before its deadline comes
    /// due moves its activation (its state read) ahead of the due instant, so a burst of deadlines on idle grains is
    /// not a burst of activations at the moment they are due.
    /// </summary>
    public IReadOnlyList<GrainId> TakeToWarm(DateTimeOffset now, int max)
    {
        List<GrainId>? grains = null;
        var horizon = now + warmAhead;
        var calledSince = now - warmAhead;
        while ((grains?.Count ?? 0) < max && _toWarm.TryPeek(out var next, out var due))
        {
            if (due > horizon)
            {
                break;
            }

            _toWarm.Dequeue();
            if (due <= now || next.State != DeliveryState.Waiting || !IsCurrent(next) || CalledSince(next.Key.Grain, calledSince))
            {
                // Due already (delivery wakes it), no longer waiting, replaced, or called recently enough.
                continue;
            }

            _lastCalled[next.Key.Grain] = now;
            (grains ??= []).Add(next.Key.Grain);
        }

        ForgetOldCalls(calledSince);
        return grains ?? (IReadOnlyList<GrainId>)[];
    }

    /// <summary>When the next grain should be woken ahead of its deadline, or null when warming is off or none waits.</summary>
    public DateTimeOffset? NextWarm()
    {
        while (_toWarm.TryPeek(out var next, out var due))
        {
            if (next.State == DeliveryState.Waiting && IsCurrent(next))
            {
                return due - warmAhead;
            }

            _toWarm.Dequeue();
        }

        return null;
    }

    /// <summary>When the earliest waiting deadline should be attempted, or null when none waits.</summary>
    public DateTimeOffset? NextAttempt()
    {
        while (_queue.TryPeek(out var next, out var at))
        {
            if (IsQueued(next, at))
            {
                return at;
            }

            _queue.Dequeue();
        }

        return null;
    }

    /// <summary>
    /// Records the outcome of a delivery. True when the grain accepted it and its row should now be deleted; a failed
    /// delivery of a deadline still current is queued again after a backoff, keeping its due instant for lateness.
    /// </summary>
    public bool Completed(ScheduledDeadline deadline, bool accepted, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        InFlight--;
        if (accepted)
        {
            deadline.State = DeliveryState.Delivered;
            _lastCalled[deadline.Key.Grain] = now;
            return true;
        }

        deadline.State = DeliveryState.Waiting;
        if (IsCurrent(deadline))
        {
            deadline.FailedAttempts++;
            deadline.NextAttempt = now + backoff.After(deadline.FailedAttempts);
            _queue.Enqueue(deadline, deadline.NextAttempt);
        }

        return false;
    }

    /// <summary>
    /// Records a conditional delete of <paramref name="deleted"/>: they are done, except the keys in
    /// <paramref name="moved"/>, whose rows remain with another due instant and are scheduled by it.
    /// </summary>
    public void Deleted(IReadOnlyList<ScheduledDeadline> deleted, IReadOnlyList<DeadlineEntry> moved)
    {
        ArgumentNullException.ThrowIfNull(deleted);
        ArgumentNullException.ThrowIfNull(moved);
        foreach (var deadline in deleted)
        {
            if (IsCurrent(deadline))
            {
                _current.Remove(deadline.Key);
            }
        }

        foreach (var row in moved)
        {
            if (row.Due < LoadedUntil)
            {
                Learn(row);
            }
        }
    }

    /// <summary>What is held for <paramref name="key"/>, for diagnostics and tests.</summary>
    public ScheduledDeadline? Find(DeadlineKey key) => _current.GetValueOrDefault(key);

    private void Learn(DeadlineEntry row)
    {
        if (_current.TryGetValue(row.Key, out var held) && held.Due == row.Due)
        {
            return;
        }

        var deadline = new ScheduledDeadline(row.Key, row.Due);
        _current[row.Key] = deadline;
        _queue.Enqueue(deadline, deadline.NextAttempt);
        if (warmAhead > TimeSpan.Zero)
        {
            _toWarm.Enqueue(deadline, deadline.Due);
        }
    }

    private bool CalledSince(GrainId grain, DateTimeOffset since) =>
        _lastCalled.TryGetValue(grain, out var called) && called >= since;

    // Calls older than the span no longer spare a grain its wake-up; dropping them keeps the map about as large as the
    // number of grains called within one span. Pruned only when it has grown well past the window's size.
    private void ForgetOldCalls(DateTimeOffset before)
    {
        if (_lastCalled.Count <= 2 * _current.Count + 1024)
        {
            return;
        }

        foreach (var grain in _lastCalled.Where(p => p.Value < before).Select(p => p.Key).ToList())
        {
            _lastCalled.Remove(grain);
        }
    }

    private bool IsCurrent(ScheduledDeadline deadline) =>
        _current.TryGetValue(deadline.Key, out var held) && ReferenceEquals(held, deadline);

    private bool IsQueued(ScheduledDeadline deadline, DateTimeOffset at) =>
        deadline.State == DeliveryState.Waiting && deadline.NextAttempt == at && IsCurrent(deadline);
}
