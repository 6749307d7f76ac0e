using CityActors.Domain.Sensors;

namespace CityActors.Domain.Vitals;

/// <summary>Readings of one kind in one minute (by the readings' own time) within one org unit: count, sum, max and the latest.</summary>
public sealed record IndicatorMinute(SensorKind Kind, DateTimeOffset Minute, long Count, double Sum, double Max, double Latest, DateTimeOffset LatestAt)
{
    public static DateTimeOffset MinuteOf(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);

    public static IndicatorMinute Of(SensorKind kind, DateTimeOffset at, double value) =>
        new(kind, MinuteOf(at), 1, value, value, value, at);

    /// <summary>Both minutes' readings together (same kind and minute).</summary>
    public IndicatorMinute Plus(IndicatorMinute other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var otherIsLater = other.LatestAt > LatestAt;
        return this with
        {
            Count = Count + other.Count,
            Sum = Sum + other.Sum,
            Max = Math.Max(Max, other.Max),
            Latest = otherIsLater ? other.Latest : Latest,
            LatestAt = otherIsLater ? other.LatestAt : LatestAt,
        };
    }
}
