using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CityActors.LoadTests.Replay.Reporting;

/// <summary>The report as the one-line JSON summary, the full JSON file, Markdown, and the console summary.</summary>
public static class ReplayReportWriter
{
    /// <summary>The last stdout line: {"bench":"replay","offered_per_s":…,"achieved_per_s":…,"p99_ms":…,"lost":…,"duplicated":…, …}.</summary>
    public static string SummaryLine(ReplayReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Json(json =>
        {
            json.WriteString("bench", "replay");
            json.WriteNumber("offered_per_s", Math.Round(report.OfferedCasesPerSecond, 1));
            json.WriteNumber("achieved_per_s", Math.Round(report.AchievedCasesPerSecond, 1));
            json.WriteNumber("p99_ms", report.AllCommands.P99);
            json.WriteNumber("lost", report.Lost);
            json.WriteNumber("duplicated", report.Duplicated);
            json.WriteNumber("inconsistent", report.Reconciliation.Inconsistent.Count);
            json.WriteNumber("commands_offered_per_s", Math.Round(report.OfferedCommandsPerSecond, 1));
            json.WriteNumber("commands_achieved_per_s", Math.Round(report.AchievedCommandsPerSecond, 1));
            json.WriteNumber("readings_offered_per_s", Math.Round(report.OfferedReadingsPerSecond, 1));
            json.WriteNumber("readings_achieved_per_s", Math.Round(report.AchievedReadingsPerSecond, 1));
            json.WriteNumber("cases_reported", report.CasesReported);
            json.WriteNumber("cases_completed", report.CasesCompleted);
            json.WriteNumber("errors", report.Errors.Values.Sum());
            json.WriteBoolean("passed", report.Passed);
        });
    }

    public static string FullJson(ReplayReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Json(json =>
        {
            json.WriteString("command", report.Command);
            json.WriteString("source", report.Source);
            json.WriteString("target", report.Target);
            json.WriteString("machine", report.Machine);
            json.WriteString("load_average", report.LoadAverage);
            json.WriteString("started_at", report.StartedAt);
            json.WriteNumber("arrival_window_s", report.ArrivalWindow.TotalSeconds);
            json.WriteNumber("elapsed_s", Math.Round(report.Elapsed.TotalSeconds, 1));
            json.WriteNumber("compression", report.Compression);
            json.WriteNumber("lifecycle_compression", report.LifecycleCompression);
            json.WriteStartObject("cases");
            json.WriteNumber("offered", report.CasesOffered);
            json.WriteNumber("not_planned", report.CasesNotPlanned);
            json.WriteNumber("reported", report.CasesReported);
            json.WriteNumber("completed", report.CasesCompleted);
            json.WriteNumber("abandoned", report.CasesAbandoned);
            json.WriteNumber("offered_per_s", report.OfferedCasesPerSecond);
            json.WriteNumber("achieved_per_s", report.AchievedCasesPerSecond);
            json.WriteNumber("commands_offered", report.CommandsOffered);
            json.WriteNumber("commands_acknowledged", report.CommandsAcknowledged);
            json.WriteEndObject();
            json.WriteStartObject("sensors");
            json.WriteNumber("count", report.Sensors);
            json.WriteNumber("interval_s", report.SensorIntervalSeconds);
            json.WriteNumber("registration_s", Math.Round(report.SensorRegistration.TotalSeconds, 1));
            json.WriteNumber("readings_offered", report.ReadingsOffered);
            json.WriteNumber("readings_accepted", report.ReadingsAccepted);
            Map(json, "readings_refused", report.ReadingsRefused);
            json.WriteEndObject();
            json.WriteStartArray("latency_ms");
            foreach (var l in report.Latencies.Append(report.DeadlineLateness))
            {
                json.WriteStartObject();
                json.WriteString("operation", l.Operation);
                json.WriteNumber("count", l.Count);
                json.WriteNumber("p50", l.P50);
                json.WriteNumber("p95", l.P95);
                json.WriteNumber("p99", l.P99);
                json.WriteNumber("p99_9", l.P999);
                json.WriteNumber("max", l.Max);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            Map(json, "errors", report.Errors);
            json.WriteStartObject("first_errors");
            foreach (var (kind, message) in report.FirstErrors)
            {
                json.WriteString(kind, message);
            }

            json.WriteEndObject();
            json.WriteStartArray("sla");
            foreach (var s in report.Sla)
            {
                json.WriteStartObject();
                json.WriteString("stage", s.Stage);
                json.WriteNumber("planned_runs", s.Expected.Runs);
                json.WriteNumber("recorded_runs", s.Observed.Runs);
                json.WriteString("warned_expected", s.Expected.Warned.ToString());
                json.WriteNumber("warned", s.Observed.Warned);
                json.WriteString("overdue_expected", s.Expected.Overdue.ToString());
                json.WriteNumber("overdue", s.Observed.Overdue);
                json.WriteNumber("escalated_to_district", s.Observed.EscalatedToDistrict);
                json.WriteString("escalated_to_city_expected", s.Expected.EscalatedToCity.ToString());
                json.WriteNumber("escalated_to_city", s.Observed.EscalatedToCity);
                json.WriteNumber("missed_points", s.Observed.Missed);
                json.WriteNumber("spurious_points", s.Observed.Spurious);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("reconciliation");
            json.WriteNumber("checked", report.Reconciliation.Checked);
            List(json, "lost", report.Reconciliation.Lost);
            List(json, "duplicated", report.Reconciliation.Duplicated);
            List(json, "inconsistent", report.Reconciliation.Inconsistent);
            List(json, "unreadable", report.Reconciliation.Unreadable);
            json.WriteEndObject();
            json.WriteStartArray("events");
            foreach (var (at, what) in report.Events)
            {
                json.WriteStartObject();
                json.WriteNumber("at_s", Math.Round(at.TotalSeconds, 2));
                json.WriteString("what", what);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            Seconds(json, "commands_per_second", report.CommandSeconds);
            Seconds(json, "sensor_batches_per_second", report.SensorSeconds);
            json.WriteBoolean("passed", report.Passed);
        });
    }

    public static string Markdown(ReplayReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        void Line(FormattableString text) => md.AppendLine(text.ToString(CultureInfo.InvariantCulture));
        Line($"# City traffic replay — {(report.Passed ? "passed" : "FAILED")}");
        Line($"");
        Line($"- command: `{report.Command}`");
        Line($"- started {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, {report.Elapsed.TotalSeconds:N0} s in all; 1-minute load average {report.LoadAverage}");
        Line($"- machine: {report.Machine}");
        Line($"- source: {report.Source}");
        Line($"- target: {report.Target}");
        Line($"- arrivals over {report.ArrivalWindow.TotalSeconds:N0} s at {report.Compression:N0}×; SLA limits and people's delays at {report.LifecycleCompression:N0}×");
        Line($"");
        Line($"## Throughput");
        Line($"");
        Line($"| | offered | achieved |");
        Line($"| --- | ---: | ---: |");
        Line($"| new cases / s | {report.OfferedCasesPerSecond:N1} | {report.AchievedCasesPerSecond:N1} |");
        Line($"| case commands / s | {report.OfferedCommandsPerSecond:N1} | {report.AchievedCommandsPerSecond:N1} |");
        Line($"| sensor readings / s | {report.OfferedReadingsPerSecond:N0} | {report.AchievedReadingsPerSecond:N0} |");
        Line($"");
        Line($"Cases: {report.CasesOffered:N0} offered, {report.CasesNotPlanned:N0} left out (no single responsible department), {report.CasesReported:N0} reported, {report.CasesCompleted:N0} driven to the end, {report.CasesAbandoned:N0} abandoned. Commands: {report.CommandsOffered:N0} due, {report.CommandsAcknowledged:N0} acknowledged.");
        Line($"Sensors: {report.Sensors:N0} every {report.SensorIntervalSeconds:N1} s (registered in {report.SensorRegistration.TotalSeconds:N1} s); {report.ReadingsOffered:N0} readings due, {report.ReadingsAccepted:N0} accepted{(report.ReadingsRefused.Count == 0 ? "" : ", refused: " + string.Join(", ", report.ReadingsRefused.Select(r => $"{r.Key} {r.Value:N0}")))}.");
        Line($"");
        Line($"## Latency (ms, from intended send time)");
        Line($"");
        Line($"| operation | count | p50 | p95 | p99 | p99.9 | max |");
        Line($"| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var l in report.Latencies.Append(report.DeadlineLateness))
        {
            Line($"| {l.Operation} | {l.Count:N0} | {l.P50:N1} | {l.P95:N1} | {l.P99:N1} | {l.P999:N1} | {l.Max:N1} |");
        }

        Line($"");
        Line($"## Errors");
        Line($"");
        if (report.Errors.Count == 0)
        {
            Line($"None.");
        }

        foreach (var (kind, count) in report.Errors)
        {
            Line($"- {kind}: {count:N0}{(report.FirstErrors.TryGetValue(kind, out var first) ? $" — first: `{first.ReplaceLineEndings(" ")}`" : "")}");
        }

        Line($"");
        Line($"## SLA clocks of the completed cases");
        Line($"");
        Line($"Expected from the plan (a range where a stop lies within the tolerance of a point) against what the journals recorded; missed/spurious: points a clock ran past without a mark, or marks for points it never reached (judged by the clock's own recorded instants).");
        Line($"");
        Line($"| stage | runs planned / recorded | warned exp. / rec. | overdue (= escalated to district) exp. / rec. | escalated to city exp. / rec. | missed | spurious |");
        Line($"| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var s in report.Sla)
        {
            Line($"| {s.Stage} | {s.Expected.Runs:N0} / {s.Observed.Runs:N0} | {s.Expected.Warned} / {s.Observed.Warned:N0} | {s.Expected.Overdue} / {s.Observed.Overdue:N0} ({s.Observed.EscalatedToDistrict:N0}) | {s.Expected.EscalatedToCity} / {s.Observed.EscalatedToCity:N0} | {s.Observed.Missed:N0} | {s.Observed.Spurious:N0} |");
        }

        Line($"");
        Line($"## Reconciliation");
        Line($"");
        Line($"{report.Reconciliation.Checked:N0} acknowledged cases read back: {report.Lost:N0} lost, {report.Duplicated:N0} duplicated, {report.Reconciliation.Inconsistent.Count:N0} inconsistent, {report.Reconciliation.Unreadable.Count:N0} unreadable.");
        foreach (var (title, items) in new[] { ("Lost", report.Reconciliation.Lost), ("Duplicated", report.Reconciliation.Duplicated), ("Inconsistent", report.Reconciliation.Inconsistent), ("Unreadable", report.Reconciliation.Unreadable) })
        {
            if (!items.IsEmpty)
            {
                Line($"");
                Line($"{title} (first 50):");
                foreach (var item in items.Order(StringComparer.Ordinal).Take(50))
                {
                    Line($"- {item}");
                }
            }
        }

        if (report.Events.Count > 0)
        {
            Line($"");
            Line($"## Events");
            Line($"");
            foreach (var (at, what) in report.Events)
            {
                Line($"- {at.TotalSeconds:N1} s: {what}");
            }
        }

        if (report.Files.Count > 0)
        {
            Line($"");
            Line($"## Plots");
            Line($"");
            foreach (var file in report.Files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
            {
                Line($"![{Path.GetFileNameWithoutExtension(file)}]({Path.GetFileName(file)})");
            }
        }

        return md.ToString();
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Map(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, long> values)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in values)
        {
            json.WriteNumber(key, value);
        }

        json.WriteEndObject();
    }

    private static void List(Utf8JsonWriter json, string name, IEnumerable<string> items)
    {
        json.WriteStartArray(name);
        foreach (var item in items.Order(StringComparer.Ordinal))
        {
            json.WriteStringValue(item);
        }

        json.WriteEndArray();
    }

    private static void Seconds(Utf8JsonWriter json, string name, IReadOnlyList<(long Offered, long Achieved, long Items, long Errors, double P50, double P99)> seconds)
    {
        json.WriteStartArray(name);
        foreach (var s in seconds)
        {
            json.WriteStartArray();
            json.WriteNumberValue(s.Offered);
            json.WriteNumberValue(s.Achieved);
            json.WriteNumberValue(s.Items);
            json.WriteNumberValue(s.Errors);
            json.WriteNumberValue(double.IsNaN(s.P50) ? 0 : s.P50);
            json.WriteNumberValue(double.IsNaN(s.P99) ? 0 : s.P99);
            json.WriteEndArray();
        }

        json.WriteEndArray();
    }
}
