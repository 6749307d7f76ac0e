using Microsoft.Extensions.Options;

namespace CityActors.Deadlines;

/// <summary>The silo's <see cref="IDeadlines"/>: validates, cuts due instants to the stored precision, and group-commits through <see cref="DeadlineWriteBatcher"/>.</summary>
internal sealed class DeadlineService(DeadlineWriteBatcher writes, IDeadlineTable table, IOptions<DeadlineOptions> options) : IDeadlines
{
    private readonly int _shardCount = options.Value.ShardCount;

    public Task SetAsync(GrainId grain, string name, DateTimeOffset due, CancellationToken cancellationToken = default) =>
        writes.SubmitAsync(Change(grain, name, due), cancellationToken);

    public Task CancelAsync(GrainId grain, string name, CancellationToken cancellationToken = default) =>
        writes.SubmitAsync(Change(grain, name, null), cancellationToken);

    public DeadlineChange Change(GrainId grain, string name, DateTimeOffset? due) =>
        new(Key(grain, name), DeadlineSharding.ShardOf(grain, _shardCount), due is { } instant ? DeadlineInstant.Normalize(instant) : null);

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetAsync(GrainId grain, CancellationToken cancellationToken = default)
    {
        if (grain.IsDefault)
        {
            throw new ArgumentException("A deadline belongs to a grain; the default grain id names none.", nameof(grain));
        }

        return table.ReadGrainAsync(grain, cancellationToken);
    }

    private static DeadlineKey Key(GrainId grain, string name)
    {
        if (grain.IsDefault)
        {
            throw new ArgumentException("A deadline belongs to a grain; the default grain id names none.", nameof(grain));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new DeadlineKey(grain, name);
    }
}
