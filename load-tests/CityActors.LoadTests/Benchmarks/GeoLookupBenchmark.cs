using CityActors.Domain.Geography;
using CityActors.LoadTests.Measurement;
using NetTopologySuite.Geometries;

namespace CityActors.LoadTests.Benchmarks;

/// <summary>
/// Point-to-area lookups over the 188 NYC neighbourhood polygons (the community level of the demo city), with random
/// points drawn from the city's bounding box (so some fall outside every area, as misplaced reports do). Baseline:
/// brute-force point-in-polygon over the same polygons, at the same concurrency (one caller per core).
/// </summary>
public static class GeoLookupBenchmark
{
    public static async Task<BenchmarkReport> RunAsync(BenchmarkSettings settings, TextWriter log)
    {
        var features = GeoJsonReader.ReadFeatureCollection(DataFile("neighborhoods.geojson"), closeOpenRings: true);
        var index = new SpatialIndex<string>(features.Select(f => (f.Geometry, f.Property("name"))));
        var polygons = features.Select(f => (f.Geometry, Name: f.Property("name"))).ToArray();
        var bounds = new Envelope();
        foreach (var feature in features)
        {
            bounds.ExpandToInclude(feature.Geometry.EnvelopeInternal);
        }

        var points = RandomPoints(bounds, 100_000, seed: 311);
        var callers = Environment.ProcessorCount;
        log.WriteLine($"geo-lookup: {polygons.Length} polygons, {points.Length:N0} random points in the city's bounding box, {callers} callers");

        var baseline = await LoadRun.RunAsync(callers, settings.Warmup, settings.Duration, (caller, n) =>
        {
            var (x, y) = points[(int)((n + (caller * 7919)) % points.Length)];
            var point = new Point(x, y);
            foreach (var polygon in polygons)
            {
                if (polygon.Geometry.Covers(point))
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
            _ = index.Find(x, y);
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
        log.WriteLine($"  spatial index:          {indexed.OpsPerSecond,12:N0} lookups/s  p50 {indexed.P50Microseconds:N1} µs  p99 {indexed.P99Microseconds:N1} µs");

        return BenchmarkReport.From("geo-lookup", indexed, baseline);
    }

    private static (double X, double Y)[] RandomPoints(Envelope bounds, int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (
            bounds.MinX + (random.NextDouble() * bounds.Width),
            bounds.MinY + (random.NextDouble() * bounds.Height)))];
    }

    private static string DataFile(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CityActors.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.Parent?.FullName ?? throw new DirectoryNotFoundException("Run from inside the repository."), "shared", "data", "nyc", name);
    }
}
