using Microsoft.Extensions.Logging;

namespace CityActors.PostgreSql.Journals;

/// <summary>Log messages of the PostgreSQL journal and its feed listener.</summary>
internal static partial class JournalLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for journal feed notifications failed; feed readers wake when their wait times out until it is back. Retrying in {Delay}.")]
    public static partial void ListenerFailed(ILogger logger, Exception error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Listening for journal feed notifications on channel {Channel}.")]
    public static partial void Listening(ILogger logger, string channel);
}
