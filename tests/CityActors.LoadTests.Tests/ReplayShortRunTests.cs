using System.Text.Json;
using CityActors.LoadTests.Replay;

namespace CityActors.LoadTests.Tests;

/// <summary>
/// CI's smoke test of the replay: <c>replay --short</c> in this process against the embedded API host, as
/// <c>dotnet run … -- replay --short</c> runs it. The run must finish within a minute, drive cases to the end with SLA
/// clocks really warning and turning overdue, lose and duplicate nothing, and end its output with the JSON summary.
/// </summary>
public sealed class ReplayShortRunTests
{
    [Fact]
    public async Task Short_replay_drives_cases_to_the_end_and_reconciles_every_one()
    {
        var output = Directory.CreateTempSubdirectory("replay-short-");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var exit = await ReplayCommand.MainAsync(["--short", "--no-progress", "--out", output.FullName], stdout, stderr);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), stdout.ToString());
        exit.ShouldBe(0, stdout + stderr.ToString());
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        using var summary = JsonDocument.Parse(lines[^1]);
        var json = summary.RootElement;
        json.GetProperty("bench").GetString().ShouldBe("replay");
        json.GetProperty("offered_per_s").GetDouble().ShouldBeGreaterThan(10);
        json.GetProperty("achieved_per_s").GetDouble().ShouldBeGreaterThan(10);
        json.GetProperty("p99_ms").GetDouble().ShouldBeGreaterThan(0);
        json.GetProperty("lost").GetInt64().ShouldBe(0);
        json.GetProperty("duplicated").GetInt64().ShouldBe(0);
        json.GetProperty("readings_achieved_per_s").GetDouble().ShouldBeGreaterThan(0);
        json.GetProperty("cases_completed").GetInt64().ShouldBe(json.GetProperty("cases_reported").GetInt64());

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output.FullName, "replay.json")));
        var sla = report.RootElement.GetProperty("sla").EnumerateArray().ToList();
        sla.Sum(s => s.GetProperty("warned").GetInt64()).ShouldBeGreaterThan(0, "no SLA clock warned");
        sla.Sum(s => s.GetProperty("overdue").GetInt64()).ShouldBeGreaterThan(0, "no SLA clock turned overdue");
        sla.Sum(s => s.GetProperty("escalated_to_district").GetInt64()).ShouldBeGreaterThan(0, "nothing was escalated");
        report.RootElement.GetProperty("reconciliation").GetProperty("checked").GetInt64().ShouldBe(json.GetProperty("cases_reported").GetInt64());
        foreach (var file in new[] { "replay.md", "latency-over-time.png", "latency-over-time.svg", "throughput-over-time.png", "throughput-over-time.svg" })
        {
            new FileInfo(Path.Combine(output.FullName, file)).Length.ShouldBeGreaterThan(1000, file);
        }

        output.Delete(recursive: true);
    }
}
