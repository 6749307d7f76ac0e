using CityActors.Domain.City;
using CityActors.Domain.Geography;
using CityActors.LoadTests.Hosting;
using CityActors.LoadTests.Measurement;
using NetTopologySuite.Geometries;

namespace CityActors.LoadTests.Benchmarks;

/// <summary>
/// Point lookups in the NYC demo city: <see cref="CityModel.Locate"/> maps a point to its grid cell, community, street
/// and district. Points are drawn at random from the city's bounding box, so some fall outside every cell, as misplaced
/// reports do. Baseline: brute-force point-in-polygon over the same grid cells, at the same concurrency (one caller
/// per core). No Orleans involved.
/// </summary>
public static class GeoLookupBenchmark
{
    private const int Points = 100_000;

    public static async Task<BenchmarkReport> RunAsync(BenchmarkSettings settings, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var city = DemoCity.Nyc;
        var cells = city.Units.Where(u => u.Level == OrgLevel.Grid).Select(u => u.Boundary!).ToArray();
        var bounds = Geometries.EnvelopeOf(cells);
        var random = new Random(311);
        var points = Enumerable.Range(0, Points)
            .Select(_ => (X: bounds.MinX + (random.NextDouble() * bounds.Width), Y: bounds.MinY + (random.NextDouble() * bounds.Height)))
            .ToArray();
        var callers = settings.Callers ?? Environment.ProcessorCount;
        var warmup = settings.WarmupOr(2);
        var duration = settings.DurationOr(10);
        var inside = points.Count(p => city.Locate(p.X, p.Y).IsInsideCity);
        log.WriteLine($"geo-lookup: {city.Name}, {cells.Length:N0} grid cells, {points.Length:N0} random points in its bounding box ({inside * 100.0 / points.Length:N0}% inside), {callers} callers");

        var baseline = await LoadRun.RunAsync(callers, warmup, duration, (caller, n) =>
        {
            var (x, y) = points[(int)((n + (caller * 7919L)) % points.Length)];
            var point = new Point(x, y);
            foreach (var cell in cells)
            {
                if (cell.Covers(point))
                {
                    break;
                }
            }

            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
        log.WriteLine($"  baseline (brute force): {baseline.Describe("lookups")}");

        var indexed = await LoadRun.RunAsync(callers, warmup, duration, (caller, n) =>
        {
            var (x, y) = points[(int)((n + (caller * 7919L)) % points.Length)];
            _ = city.Locate(x, y);
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
        log.WriteLine($"  CityModel.Locate:       {indexed.Describe("lookups")}");

        return BenchmarkReport.From("geo-lookup", indexed, baseline) with { Extra = [new("callers", callers)] };
    }
}
