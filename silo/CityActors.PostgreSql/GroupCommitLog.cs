using Microsoft.Extensions.Logging;

namespace CityActors.PostgreSql;

/// <summary>Log messages of <see cref="GroupCommit{T}"/>.</summary>
internal static partial class GroupCommitLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "A {What} batch of {Count} operations failed with SQL state {SqlState}; retrying it in halves so only the failing operation is refused.")]
    public static partial void SplittingBatch(ILogger logger, Exception error, string what, int count, string sqlState);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {What} batch of {Count} operations failed; every caller in it gets the error.")]
    public static partial void BatchFailed(ILogger logger, Exception error, string what, int count);
}
