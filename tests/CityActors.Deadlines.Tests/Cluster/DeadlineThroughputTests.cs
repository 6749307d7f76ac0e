using System.Diagnostics;
using Xunit.Abstractions;

namespace CityActors.Deadlines.Tests.Cluster;

/// <summary>One million pending deadlines, a tenth of them due at the same instant: registration and firing rates.</summary>
public sealed class DeadlineThroughputTests(ITestOutputHelper output)
{
    private const int Grains = 10_000;
    private const int NamesPerGrain = 100;
    private const int DueNamesPerGrain = 10;

    [ThroughputFact]
    public Task In_memory() => MeasureAsync(postgres: null);

    [ThroughputFact]
    public async Task On_postgresql() => await MeasureAsync(await DeadlineDatabase.CreateAsync());

    private async Task MeasureAsync(string? postgres)
    {
        await using var cluster = await DeadlineCluster.StartAsync(postgres: postgres, configure: o => o.ShardCount = 64);
        var due = cluster.Now.AddSeconds(30);
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, Grains), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (g, _) =>
            await cluster.Probe($"load-{g}").SetMany(Enumerable.Range(0, NamesPerGrain)
                .Select(n => new ProbeDeadline($"n{n}", n < DueNamesPerGrain ? due : due.AddHours(1 + n)))
                .ToList()));
        var registration = stopwatch.Elapsed;
        await cluster.SettleAsync();
        output.WriteLine($"{Grains * NamesPerGrain:N0} deadlines set by {Grains:N0} grains in {registration.TotalSeconds:F1} s ({Grains * NamesPerGrain / registration.TotalSeconds:N0}/s).");

        const int expected = Grains * DueNamesPerGrain;
        stopwatch.Restart();
        cluster.AdvanceTo(due);
        await cluster.Log.WaitForAsync(all => all.Count >= expected).WaitAsync(TimeSpan.FromMinutes(5));
        var firing = stopwatch.Elapsed;
        var statuses = await cluster.FlushShardsAsync();
        var deletedBy = stopwatch.Elapsed;

        output.WriteLine($"{expected:N0} due at once delivered in {firing.TotalSeconds:F2} s ({expected / firing.TotalSeconds:N0}/s); rows deleted after {deletedBy.TotalSeconds:F2} s.");
        output.WriteLine($"Pending in the shards' windows afterwards: {statuses.Sum(s => s.Pending):N0}.");
        cluster.Log.All().Select(d => (d.Grain, d.Fired.Name)).Distinct().Count().ShouldBe(expected);
    }
}
