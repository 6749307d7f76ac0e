using CityActors.Assist.History;
using CityActors.Assist.Models;
using CityActors.LoadTests.Measurement;
using CityActors.Testing;

namespace CityActors.LoadTests.Benchmarks;

/// <summary>
/// One intake suggestion from the shipped model (silo/CityActors.Silo/assist/boston-2011), in process: classify the
/// report text, dispatch the top matter, estimate its resolution time — over the November–December 2011 Boston requests
/// the model never saw. Baseline in the same run: the rules-only suggestion (a title that names a type is that type,
/// the type's listed queue, its median hours), three dictionary lookups. Target: p99 below 5 ms. One caller by
/// default: each ML.NET engine serves one call at a time.
/// </summary>
public static class AssistSuggestBenchmark
{
    public static async Task<BenchmarkReport> RunAsync(BenchmarkSettings settings, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var model = AssistModel.Load(Path.Combine(RepositoryFiles.Root, "silo", "CityActors.Silo", "assist", "boston-2011"));
        var history = HistoryReader.Read(Path.Combine(RepositoryFiles.Root, "data", "boston", "boston311-2011.zip"));
        var requests = history.Rows.Where(r => r.Opened >= model.Manifest.TrainedUntil).Select(r => r.ToQuery()).ToArray();
        var manifest = model.Manifest;
        var typeByName = manifest.CatalogueQueue.Keys.ToDictionary(t => t, t => t, StringComparer.OrdinalIgnoreCase);
        var callers = settings.Callers ?? 1;
        var warmup = settings.WarmupOr(2);
        var duration = settings.DurationOr(10);
        log.WriteLine($"assist-suggest: model {model.Version}, {requests.Length:N0} unseen requests, {callers} caller(s)");

        var baseline = await LoadRun.RunAsync(callers, warmup, duration, (caller, n) =>
        {
            var query = requests[(int)((n + (caller * 7919L)) % requests.Length)];
            var type = typeByName.GetValueOrDefault(query.Title, manifest.MajorityType);
            _ = manifest.CatalogueQueue.GetValueOrDefault(type);
            _ = manifest.MedianHours.GetValueOrDefault(type, manifest.OverallMedianHours);
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
        log.WriteLine($"  baseline (rules-only lookups): {baseline.Describe("suggestions")}");

        var measured = await LoadRun.RunAsync(callers, warmup, duration, (caller, n) =>
        {
            var query = requests[(int)((n + (caller * 7919L)) % requests.Length)];
            var matter = model.Classify(query)[0].Label;
            var dispatch = model.Dispatch(query, matter);
            _ = model.ExpectedHours(query, matter, dispatch.Queue);
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
        log.WriteLine($"  model (classify, dispatch, hours): {measured.Describe("suggestions")}");

        return BenchmarkReport.From("assist-suggest", measured, baseline) with { Extra = [new("callers", callers)] };
    }
}
