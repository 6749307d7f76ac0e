using Microsoft.Extensions.Configuration;

namespace CityActors.Api.Feed;

/// <summary>Settings of the live feed ("CityActors:Api:Feed").</summary>
/// <param name="VitalsInterval">How often the feed checks the caller's vital signs for a change (VitalsInterval, default 5 s).</param>
public sealed record FeedSettings(TimeSpan VitalsInterval)
{
    public static readonly FeedSettings Default = new(TimeSpan.FromSeconds(5));

    /// <exception cref="InvalidOperationException">The interval is not positive.</exception>
    public static FeedSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var interval = configuration.GetValue<TimeSpan?>("CityActors:Api:Feed:VitalsInterval") ?? Default.VitalsInterval;
        return interval > TimeSpan.Zero
            ? new FeedSettings(interval)
            : throw new InvalidOperationException($"CityActors:Api:Feed:VitalsInterval must be positive; it is {interval}.");
    }
}
