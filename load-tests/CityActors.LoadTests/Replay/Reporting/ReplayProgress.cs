using System.Globalization;
using Spectre.Console;

namespace CityActors.LoadTests.Replay.Reporting;

/// <summary>
/// Progress while the replay runs: a Spectre.Console progress bar of the arrivals (with the last second's rates,
/// latency, errors and backlog in its description) on an interactive terminal, or a plain line every five seconds when
/// stdout is redirected (CI, tests), so logs stay readable and the last line stays the JSON summary.
/// </summary>
public static class ReplayProgress
{
    public static async Task ShowAsync(ReplayMetrics metrics, Func<long> arrived, double expectedArrivals, Func<long> readingsAccepted, Task until, TextWriter log, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(arrived);
        ArgumentNullException.ThrowIfNull(readingsAccepted);
        ArgumentNullException.ThrowIfNull(until);
        ArgumentNullException.ThrowIfNull(log);
        if (interactive)
        {
            await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var bar = context.AddTask("arrivals", maxValue: Math.Max(1, expectedArrivals));
                    while (!until.IsCompleted)
                    {
                        await Task.WhenAny(until, Task.Delay(500)).ConfigureAwait(false);
                        bar.Value = Math.Min(bar.MaxValue, arrived());
                        bar.Description = Markup.Escape(Line(metrics, arrived(), readingsAccepted()));
                    }

                    bar.Value = bar.MaxValue;
                }).ConfigureAwait(false);
            return;
        }

        while (!until.IsCompleted)
        {
            await Task.WhenAny(until, Task.Delay(5000)).ConfigureAwait(false);
            log.WriteLine("  " + Line(metrics, arrived(), readingsAccepted()));
        }
    }

    private static string Line(ReplayMetrics metrics, long arrived, long readings)
    {
        var now = metrics.Now;
        var (commands, _, p99) = metrics.Commands.LastWholeSecond(now);
        var (_, readingsLastSecond, sensorP99) = metrics.SensorBatches.LastWholeSecond(now);
        return string.Create(CultureInfo.InvariantCulture,
            $"{now.TotalSeconds,5:N0} s  cases {arrived:N0} (open {metrics.CasesStarted - metrics.CasesFinished:N0})  commands {commands:N0}/s p99 {Ms(p99)}  readings {readingsLastSecond:N0}/s p99 {Ms(sensorP99)} (total {readings:N0})  errors {metrics.ErrorCount:N0}  backlog {metrics.Backlog:N0}");
    }

    private static string Ms(double ms) => double.IsNaN(ms) ? "–" : string.Create(CultureInfo.InvariantCulture, $"{ms:N0} ms");
}
