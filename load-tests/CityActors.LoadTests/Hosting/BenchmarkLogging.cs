using Microsoft.Extensions.Logging;

namespace CityActors.LoadTests.Hosting;

/// <summary>
/// Logging of the silos a benchmark hosts: warnings and errors only, all to stderr. Stdout carries the progress lines
/// and ends with the JSON report, so no log line may ever land there.
/// </summary>
public static class BenchmarkLogging
{
    public static void Configure(ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.ClearProviders();
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.AddSimpleConsole(o => o.SingleLine = true);
        logging.SetMinimumLevel(LogLevel.Warning);
    }
}
