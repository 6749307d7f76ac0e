namespace CityActors.Deadlines;

/// <summary>One change of a group-committed batch: set (or move) the deadline to <see cref="Due"/>, or cancel it when <see cref="Due"/> is null.</summary>
/// <param name="Key">The deadline.</param>
/// <param name="Shard">The shard of the deadline's grain (<see cref="DeadlineSharding.ShardOf"/>), stored with the row so a shard reads only its own.</param>
/// <param name="Due">The new due instant, already cut to <see cref="DeadlineInstant">microseconds</see>; null to cancel.</param>
public readonly record struct DeadlineChange(DeadlineKey Key, int Shard, DateTimeOffset? Due)
{
    public bool IsCancel => Due is null;
}
