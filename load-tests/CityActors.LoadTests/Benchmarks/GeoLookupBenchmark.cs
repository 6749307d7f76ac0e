using CityActors.Domain.City;
using CityActors.Domain.Geography;
using CityActors.Domain.Package;
using CityActors.LoadTests.Measurement;
using NetTopologySuite.Geometries;

namespace CityActors.LoadTests.Benchmarks;

/// <summary>
/// Point lookups in the NYC demo city: <see cref="CityModel.Locate"/> maps a point to its grid cell, community, street
/// and district. Points are drawn at random from the city's bounding box, so some fall outside every cell, as misplaced
/// reports do. Baseline: brute-force point-in-polygon over the same grid cells, at the same concurrency (one caller per core).
/// </summary>
public static class GeoLookupBenchmark
{
    public static async Task<BenchmarkReport> RunAsync(BenchmarkSettings settings, TextWriter log)
    {
        var city = CityPackageLoader.Load(Path.Combine(RepositoryRoot(), "silo", "CityActors.Silo", "cities", "nyc"));
        var cells = city.Units.Where(u => u.Level == OrgLevel.Grid).Select(u => u.Boundary!).ToArray();
        var bounds = Geometries.EnvelopeOf(cells);

        var random = new Random(311);
        var points = Enumerable.Range(0, 100_000)
            .Select(_ => (X: bounds.MinX + (random.NextDouble() * bounds.Width), Y: bounds.MinY + (random.NextDouble() * bounds.Height)))
            .ToArray();
        var callers = Environment.ProcessorCount;
        var inside = points.Count(p => city.Locate(p.X, p.Y).IsInsideCity);
        log.WriteLine($"geo-lookup: {city.Name}, {cells.Length:N0} grid cells, {points.Length:N0} random points in its bounding box ({inside * 100.0 / points.Length:N0}% inside), {callers} callers");

        var baseline = await LoadRun.RunAsync(callers, settings.Warmup, settings.Duration, (caller, n) =>
        {
            var (x, y) = points[(int)((n + (caller * 7919)) % points.Length)];
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
        log.WriteLine($"  baseline (brute force): {baseline.OpsPerSecond,12:N0} lookups/s  p50 {baseline.P50Microseconds:N1} µs  p99 {baseline.P99Microseconds:N1} µs");

        var indexed = await LoadRun.RunAsync(callers, settings.Warmup, settings.Duration, (caller, n) =>
        {
            var (x, y) = points[(int)((n + (caller * 7919)) % points.Length)];
            _ = city.Locate(x, y);
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
        log.WriteLine($"  CityModel.Locate:       {indexed.OpsPerSecond,12:N0} lookups/s  p50 {indexed.P50Microseconds:N1} µs  p99 {indexed.P99Microseconds:N1} µs");

        return BenchmarkReport.From("geo-lookup", indexed, baseline);
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CityActors.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Run from inside the repository.");
    }
}
