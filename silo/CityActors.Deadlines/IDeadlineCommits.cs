namespace CityActors.Deadlines;

/// <summary>The deadline service's commit path, for <see cref="IJournalWithDeadlines"/> implementations.</summary>
public interface IDeadlineCommits
{
    /// <summary>
    /// Writes <paramref name="changes"/> (distinct deadlines) to the deadline table as one batch, then reports them as
    /// <see cref="Committed"/> does; durable when the task completes.
    /// </summary>
    Task WriteAsync(IReadOnlyList<DeadlineChange> changes, CancellationToken cancellationToken);

    /// <summary>
    /// Reports changes that committed in another writer's transaction (a journal append), with each one's due instant
    /// from before it (null when there was none): they are counted, and the shards that may hold them are told.
    /// </summary>
    void Committed(IReadOnlyList<DeadlineChange> changes, IReadOnlyList<DateTimeOffset?> previous);
}
