using CityActors.Assist.Cases;
using CityActors.Assist.History;
using CityActors.Domain.Cases;
using CityActors.Domain.City;
using CityActors.Domain.Package;
using CityActors.GrainInterfaces.Cases;
using CityActors.Grains.Cases;
using CityActors.LoadTests.Hosting;
using CityActors.LoadTests.Measurement;
using CityActors.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.LoadTests.Benchmarks;

/// <summary>
/// The model's work in intake for one report, in process, on the NYC demo city with the shipped model. Baseline in the
/// same run, what intake did before duplicates were learned: the suggestion (whose expected time intake journals) and
/// intake's rule over the duplicate index around the report (same matter, 50 m, 24 h). Measured: the suggestion and the
/// learned duplicate decision (every open case within 300 m and 72 h from the same index, their evidence, the model's
/// score) in one call, as the case grain makes it. Reports and open cases are a week of Boston's unseen requests
/// (1–7 December 2011) moved onto Midtown Manhattan and mapped onto NYC's matters by the package's assist.json; each
/// square kilometre's index holds the week's requests there, as a duplicate tile holds open cases. The grain calls to
/// the tiles are not part of it. One caller by default: each ML.NET engine serves one call at a time. Then, end to end,
/// the week filed through the case grain of an embedded silo without the model (intake's rule) and with it.
/// </summary>
public static class AssistIntakeBenchmark
{
    private static readonly DateTime WeekStart = new(2011, 12, 1);

    // Boston's City Hall onto Midtown Manhattan.
    private const double ShiftLongitude = -73.9857 + 71.0589;
    private const double ShiftLatitude = 40.7484 - 42.3601;

    public static async Task<BenchmarkReport> RunAsync(BenchmarkSettings settings, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var packageDirectory = RepositoryFiles.ShippedNycPackage;
        var city = CityPackageLoader.Load(packageDirectory);
        var package = AssistPackage.Load(packageDirectory, city) ?? throw new InvalidOperationException($"{packageDirectory} ships no {AssistPackage.FileName}.");
        var assistant = CaseAssistant.Load(packageDirectory, city)!;
        var history = HistoryReader.Read(Path.Combine(RepositoryFiles.Root, "data", "boston", "boston311-2011.zip"));
        var (samples, tiles) = Week(history, package, city);
        var callers = settings.Callers ?? 1;
        var warmup = settings.WarmupOr(2);
        var duration = settings.DurationOr(10);
        log.WriteLine($"assist-intake: model {assistant.Model.Version}, {samples.Count:N0} reports of a week on NYC in {tiles.Count:N0} tiles, {callers} caller(s)");

        var flags = Flags(samples, tiles, assistant);
        log.WriteLine($"  flagged in the week: rule {flags.Rule:N0} ({flags.RuleLabelled:N0} closed as duplicates in Boston), model {flags.Model:N0} ({flags.ModelLabelled:N0}); {flags.Labelled:N0} closed as duplicates");

        var baseline = await LoadRun.RunAsync(callers, warmup, duration, (caller, n) =>
        {
            var s = samples[(int)((n + (caller * 7919L)) % samples.Count)];
            _ = assistant.Suggest(s.Report, s.Place, s.At);
            _ = RuleMatches(tiles, s);
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
        log.WriteLine($"  baseline (suggestion + intake's rule): {baseline.Describe("reports")}");

        var measured = await LoadRun.RunAsync(callers, warmup, duration, (caller, n) =>
        {
            var s = samples[(int)((n + (caller * 7919L)) % samples.Count)];
            _ = assistant.AtIntake(s.Id, s.Report, s.Place, s.At, Candidates(tiles, s));
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
        log.WriteLine($"  model (suggestion + learned duplicate decision): {measured.Describe("reports")}");

        var rule = await GrainIntakeAsync(samples, null, log).ConfigureAwait(false);
        var learned = await GrainIntakeAsync(samples, new CaseAssistance(assistant), log).ConfigureAwait(false);

        return BenchmarkReport.From("assist-intake", measured, baseline) with
        {
            Extra =
            [
                new("callers", callers),
                new("baseline_p50_us", baseline.P50Microseconds),
                new("baseline_p99_us", baseline.P99Microseconds),
                new("grain_reports_per_s", learned.Run.OpsPerSecond),
                new("grain_p50_us", learned.Run.P50Microseconds),
                new("grain_p99_us", learned.Run.P99Microseconds),
                new("grain_baseline_reports_per_s", rule.Run.OpsPerSecond),
                new("grain_baseline_p50_us", rule.Run.P50Microseconds),
                new("grain_baseline_p99_us", rule.Run.P99Microseconds),
                new("grain_rule_flagged", rule.Flagged),
                new("grain_model_flagged", learned.Flagged),
                new("grain_failures", rule.Run.Failures + learned.Run.Failures),
                new("reports", samples.Count),
                new("rule_flagged", flags.Rule),
                new("rule_flagged_closed_as_duplicate", flags.RuleLabelled),
                new("model_flagged", flags.Model),
                new("model_flagged_closed_as_duplicate", flags.ModelLabelled),
                new("closed_as_duplicate", flags.Labelled),
            ],
        };
    }

    /// <summary>
    /// The week's reports filed one at a time, in order, through the case grain of an embedded silo of the NYC city
    /// (after 50 warm-up reports): with the model (suggestion, expected time and learned duplicates, the tiles within
    /// 300 m asked) or without (intake's rule, the tiles within 50 m). Tiles fill as the week is filed.
    /// </summary>
    private static async Task<(LoadResult Run, int Flagged)> GrainIntakeAsync(List<Sample> samples, CaseAssistance? assistance, TextWriter log)
    {
        var intake = new Actor("hotline-bench", Role.ChannelSystem, nameof(Channel.Hotline));
        await using var silo = await BenchmarkSilo.StartAsync(null, s =>
        {
            if (assistance is not null)
            {
                s.Services.AddSingleton(assistance);
            }
        }).ConfigureAwait(false);
        Task<ReportedCase> FileAsync(string externalId, Sample s) =>
            silo.Grains.GetGrain<ICaseGrain>(Channels.CaseIdFor(Channel.Hotline, externalId)).Report(new ReportCase(intake, s.Report with { ExternalId = externalId }));

        for (var i = 0; i < 50; i++)
        {
            await FileAsync($"warm-{i}", samples[i]).ConfigureAwait(false);
        }

        var flagged = 0;
        var run = await FixedCountRun.RunAsync(samples.Count, 1, async i =>
        {
            var filed = await FileAsync(samples[i].Report.ExternalId, samples[i]).ConfigureAwait(false);
            if (filed.Case.DuplicateCandidates.Count > 0)
            {
                flagged++;
            }
        }).ConfigureAwait(false);
        log.WriteLine($"  through the case grain, {(assistance is null ? "without a model (rule)" : "with the model")}: {run.Describe("reports")}, {flagged:N0} flagged");
        return (run, flagged);
    }

    private static (List<Sample> Samples, Dictionary<string, DuplicateIndex> Tiles) Week(HistoryFile history, AssistPackage package, CityModel city)
    {
        var decider = new CaseDecider(city, CaseRules.Default);
        var samples = new List<Sample>();
        var tiles = new Dictionary<string, DuplicateIndex>(StringComparer.Ordinal);
        foreach (var request in history.Rows.Where(r => r.IsLocated && r.Opened >= WeekStart && r.Opened < WeekStart.AddDays(7)).OrderBy(r => r.Opened).ThenBy(r => r.Id, StringComparer.Ordinal))
        {
            if (!package.Matters.TryGetValue(request.Type, out var matter))
            {
                continue;
            }

            var where = ReportedLocation.At(request.Longitude!.Value + ShiftLongitude, request.Latitude!.Value + ShiftLatitude);
            CasePlace place;
            try
            {
                place = decider.Locate(where);
            }
            catch (CaseCommandException)
            {
                continue; // in the water off Manhattan
            }

            var id = Channels.CaseIdFor(Channel.Hotline, request.Id);
            var at = new DateTimeOffset(request.Opened, TimeSpan.Zero);
            var (x, y) = city.Projection.Forward(where.Longitude!.Value, where.Latitude!.Value);
            var report = new CaseReport(Channel.Hotline, request.Id, matter, string.IsNullOrWhiteSpace(request.Title) ? request.Type : request.Title, where);
            samples.Add(new Sample(id, report, place, at, x, y, request.ClosedAsDuplicate));
            var key = DuplicateIndex.TileKey(DuplicateIndex.TileOf(x, y));
            if (!tiles.TryGetValue(key, out var tile))
            {
                tiles[key] = tile = new DuplicateIndex();
            }

            tile.Add(new OpenCaseMark(id, matter, x, y, at, OpenCaseMark.TextOf(report.Description)));
        }

        return (samples, tiles);
    }

    private static IEnumerable<DuplicateIndex> TilesAround(Dictionary<string, DuplicateIndex> tiles, Sample s, double radius) =>
        DuplicateIndex.TilesAround(s.X, s.Y, radius).Select(t => tiles.GetValueOrDefault(DuplicateIndex.TileKey(t))).OfType<DuplicateIndex>();

    private static List<string> RuleMatches(Dictionary<string, DuplicateIndex> tiles, Sample s) =>
        [.. TilesAround(tiles, s, CaseRules.Default.DuplicateRadiusMeters)
            .SelectMany(t => t.FindNear(s.Report.MatterCode, s.X, s.Y, CaseRules.Default.DuplicateRadiusMeters, s.At - CaseRules.Default.DuplicateWindow))];

    private static List<DuplicateCandidate> Candidates(Dictionary<string, DuplicateIndex> tiles, Sample s) =>
        [.. TilesAround(tiles, s, CaseAssistant.DuplicateRadiusMeters).SelectMany(t => t.CandidatesNear(s.X, s.Y, CaseAssistant.DuplicateRadiusMeters, s.At - CaseAssistant.DuplicateWindow))];

    /// <summary>What each way flags over the week (the index holds the whole week, so only earlier reports count).</summary>
    private static (int Rule, int RuleLabelled, int Model, int ModelLabelled, int Labelled) Flags(List<Sample> samples, Dictionary<string, DuplicateIndex> tiles, CaseAssistant assistant)
    {
        var reportedAt = samples.ToDictionary(s => s.Id, s => s.At, StringComparer.Ordinal);
        var (rule, ruleLabelled, model, modelLabelled) = (0, 0, 0, 0);
        foreach (var s in samples)
        {
            if (RuleMatches(tiles, s).Any(id => id != s.Id && reportedAt[id] < s.At))
            {
                rule++;
                ruleLabelled += s.ClosedAsDuplicate ? 1 : 0;
            }

            if (assistant.AtIntake(s.Id, s.Report, s.Place, s.At, Candidates(tiles, s)).Duplicate is { IsDuplicate: true })
            {
                model++;
                modelLabelled += s.ClosedAsDuplicate ? 1 : 0;
            }
        }

        return (rule, ruleLabelled, model, modelLabelled, samples.Count(s => s.ClosedAsDuplicate));
    }

    private sealed record Sample(string Id, CaseReport Report, CasePlace Place, DateTimeOffset At, double X, double Y, bool ClosedAsDuplicate);
}
