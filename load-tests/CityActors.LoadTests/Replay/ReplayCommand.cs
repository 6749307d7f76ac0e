using CityActors.LoadTests.Benchmarks;
using CityActors.LoadTests.Replay.Reporting;

namespace CityActors.LoadTests.Replay;

/// <summary>
/// <c>replay [options]</c>: progress and the console summary first, then, as the last stdout line, one JSON object
/// (<see cref="ReplayReportWriter.SummaryLine"/>). Exit code 0 when every acknowledged case was read back intact, 1 when
/// any was lost, duplicated or inconsistent, 2 for bad options.
/// </summary>
public static class ReplayCommand
{
    public static async Task<int> MainAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        ReplayOptions options;
        try
        {
            options = ReplayOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await errors.WriteLineAsync(ex.Message).ConfigureAwait(false);
            await errors.WriteLineAsync($"usage: {ReplayOptions.Usage}").ConfigureAwait(false);
            return 2;
        }

        await output.WriteLineAsync(MachineDescription.Current()).ConfigureAwait(false);
        var report = await ReplayRun.RunAsync(options, "replay " + string.Join(' ', args), output, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(Summary(report)).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(ReplayReportWriter.SummaryLine(report)).ConfigureAwait(false);
        return report.Passed ? 0 : 1;
    }

    private static string Summary(ReplayReport report)
    {
        var all = report.AllCommands;
        return string.Join(Environment.NewLine,
        [
            FormattableString.Invariant($"replay {(report.Passed ? "passed" : "FAILED")} in {report.Elapsed.TotalSeconds:N0} s"),
            FormattableString.Invariant($"  new cases: offered {report.OfferedCasesPerSecond:N1}/s, achieved {report.AchievedCasesPerSecond:N1}/s ({report.CasesReported:N0} reported, {report.CasesCompleted:N0} completed, {report.CasesAbandoned:N0} abandoned)"),
            FormattableString.Invariant($"  commands: {report.CommandsAcknowledged:N0} of {report.CommandsOffered:N0}; p50 {all.P50:N1} ms, p95 {all.P95:N1}, p99 {all.P99:N1}, p99.9 {all.P999:N1}, max {all.Max:N1}"),
            FormattableString.Invariant($"  sensor readings: offered {report.OfferedReadingsPerSecond:N0}/s, accepted {report.AchievedReadingsPerSecond:N0}/s"),
            FormattableString.Invariant($"  SLA: {string.Join("; ", report.Sla.Select(s => $"{s.Stage} warned {s.Observed.Warned:N0} (plan {s.Expected.Warned}), overdue {s.Observed.Overdue:N0} (plan {s.Expected.Overdue}), to city {s.Observed.EscalatedToCity:N0} (plan {s.Expected.EscalatedToCity}), missed {s.Observed.Missed:N0}"))}"),
            FormattableString.Invariant($"  SLA point lateness: p50 {report.DeadlineLateness.P50:N1} ms, p99 {report.DeadlineLateness.P99:N1} ms, max {report.DeadlineLateness.Max:N1} ms ({report.DeadlineLateness.Count:N0} points)"),
            FormattableString.Invariant($"  errors: {(report.Errors.Count == 0 ? "none" : string.Join(", ", report.Errors.Select(e => $"{e.Key} {e.Value:N0}")))}"),
            FormattableString.Invariant($"  reconciliation: {report.Reconciliation.Checked:N0} read back, {report.Lost:N0} lost, {report.Duplicated:N0} duplicated, {report.Reconciliation.Inconsistent.Count:N0} inconsistent, {report.Reconciliation.Unreadable.Count:N0} unreadable"),
            $"  report: {string.Join(", ", report.Files)}",
        ]);
    }
}
