namespace CityActors;

/// <summary>A stored reminder. <see cref="NextDue"/> advances after every delivered tick, so a restart knows what was missed.</summary>
public sealed record ReminderEntry(GrainId GrainId, string Name, DateTimeOffset FirstTick, TimeSpan Period, DateTimeOffset NextDue, string? ETag)
    : IGrainReminder
{
    public bool IsOneShot => Period == TimeSpan.Zero;

    string IGrainReminder.ReminderName => Name;

    DateTimeOffset IGrainReminder.FirstTickTime => FirstTick;

    DateTimeOffset IGrainReminder.NextDueTime => NextDue;

    /// <summary>The first tick strictly after <paramref name="now"/> on this reminder's period grid.</summary>
    public DateTimeOffset NextTickAfter(DateTimeOffset now)
    {
        if (IsOneShot || now < FirstTick)
        {
            return FirstTick;
        }

        var periods = ((now - FirstTick).Ticks / Period.Ticks) + 1;
        return FirstTick + TimeSpan.FromTicks(periods * Period.Ticks);
    }
}

/// <summary>Durable reminder storage. Writes are fenced by the shard lease (see <see cref="FencingToken"/>).</summary>
public interface IReminderTable
{
    /// <summary>Reminders of the given shards (all when null) due in [<paramref name="dueFrom"/>, <paramref name="dueBefore"/>).</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(int shardCount, IReadOnlySet<int>? shards, DateTimeOffset dueFrom, DateTimeOffset dueBefore, CancellationToken cancellationToken);

    Task<ReminderEntry?> ReadAsync(GrainId grainId, string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>Creates or replaces the reminder unconditionally; returns its new ETag.</summary>
    Task<string> UpsertAsync(ReminderEntry entry, FencingToken fence, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="entry"/> only if the stored ETag is <paramref name="expectedETag"/>; returns the new ETag or null.</summary>
    Task<string?> TryUpdateAsync(ReminderEntry entry, string expectedETag, FencingToken fence, CancellationToken cancellationToken);

    /// <summary>Removes the reminder if it exists and (when given) its ETag matches; true if removed.</summary>
    Task<bool> RemoveAsync(GrainId grainId, string name, string? expectedETag, FencingToken fence, CancellationToken cancellationToken);
}
