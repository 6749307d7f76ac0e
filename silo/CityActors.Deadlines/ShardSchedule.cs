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
internal sealed class ShardSchedule(RetryBackoff backoff)
{
    private readonly Dictionary<DeadlineKey, ScheduledDeadline> _current = [];

    // Ordered by next attempt; entries replaced, removed or started stay in it until they surface and are skipped.
    private PriorityQueue<ScheduledDeadline, DateTimeOffset> _queue = new();

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

        // Rebuilding drops the skipped entries that replacements left in the queue.
        _queue = new PriorityQueue<ScheduledDeadline, DateTimeOffset>(
            _current.Values.Where(d => d.State == DeliveryState.Waiting).Select(d => (d, d.NextAttempt)));
    }

    /// <summary>Applies the current rows of <paramref name="keys"/> (absent when the key has no row).</summary>
    public void ApplyCurrent(IReadOnlyCollection<DeadlineKey> keys, IReadOnlyList<DeadlineEntry> rows)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(rows);
        var found = new Dictionary<DeadlineKey, DeadlineEntry>(rows.Count);
        foreach (var row in rows)
        {
            found[row.Key] = row;
        }

        foreach (var key in keys)
        {
            if (found.TryGetValue(key, out var row) && row.Due < LoadedUntil)
            {
                Learn(row);
            }
            else
            {
                // Cancelled or moved beyond the window (the window brings it back in time).
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
    }

    private bool IsCurrent(ScheduledDeadline deadline) =>
        _current.TryGetValue(deadline.Key, out var held) && ReferenceEquals(held, deadline);

    private bool IsQueued(ScheduledDeadline deadline, DateTimeOffset at) =>
        deadline.State == DeliveryState.Waiting && deadline.NextAttempt == at && IsCurrent(deadline);
}
