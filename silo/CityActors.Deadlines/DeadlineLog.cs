using Microsoft.Extensions.Logging;

namespace CityActors.Deadlines;

/// <summary>Log messages of the deadline service.</summary>
internal static partial class DeadlineLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Deadline shard {Shard} activated with {Count} deadlines due before {Until}.")]
    public static partial void ShardActivated(ILogger logger, int shard, int count, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deadline shard {Shard} could not re-read its window; it keeps the one it has and tries again in {Retry}.")]
    public static partial void RefreshFailed(ILogger logger, Exception error, int shard, TimeSpan retry);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering deadline {Key} (due {Due}) failed on attempt {Attempt}; it will be retried.")]
    public static partial void DeliveryFailed(ILogger logger, Exception error, DeadlineKey key, DateTimeOffset due, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Waking grain {Grain} ahead of its deadline failed; the deadline's delivery activates it instead.")]
    public static partial void WakeFailed(ILogger logger, Exception error, GrainId grain);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deadline shard {Shard} could not delete {Count} delivered deadlines; it retries (they may be delivered again if the shard moves meanwhile).")]
    public static partial void DeleteFailed(ILogger logger, Exception error, int shard, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deadline shard {Shard} could not read {Count} changed deadlines; the sender retries.")]
    public static partial void ChangedReadFailed(ILogger logger, Exception error, int shard, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} deadline changes could not be written; every caller in it gets the error.")]
    public static partial void WriteFailed(ILogger logger, Exception error, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not queue the shard notifications of {Count} committed deadline changes; the shards' next window refresh picks them up.")]
    public static partial void NotifyDispatchFailed(ILogger logger, Exception error, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telling deadline shard {Shard} of {Count} changes failed (attempt {Attempt}); retrying in {Retry}.")]
    public static partial void NotifyFailed(ILogger logger, Exception error, int shard, int count, int attempt, TimeSpan retry);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up telling deadline shard {Shard} of {Count} changes; its next window refresh picks them up.")]
    public static partial void NotifyAbandoned(ILogger logger, Exception error, int shard, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Keep-alive ping of deadline shard {Shard} failed; the next round tries again.")]
    public static partial void PingFailed(ILogger logger, Exception error, int shard);
}
