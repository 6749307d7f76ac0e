using System.Diagnostics;
using Xunit.Abstractions;

namespace CityActors.Deadlines.Tests.Cluster;

public sealed class ManyDeadlinesTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Grains = 1_000;
    private const int NamesPerGrain = 10;
    private DeadlineCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await DeadlineCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Ten_thousand_deadlines_each_fire_once_within_one_clock_step_of_their_instant()
    {
        var start = _cluster.Now;
        var random = new Random(42);
        var expected = new Dictionary<(GrainId, string), DateTimeOffset>();
        var sets = new List<Task>();
        for (var g = 0; g < Grains; g++)
        {
            var deadlines = Enumerable.Range(0, NamesPerGrain).Select(n => new ProbeDeadline($"n{n}", start.AddMilliseconds(1_000 + random.Next(4_000)))).ToList();
            foreach (var deadline in deadlines)
            {
                expected[(_cluster.ProbeId($"many-{g}"), deadline.Name)] = deadline.Due;
            }

            sets.Add(_cluster.Probe($"many-{g}").SetMany(deadlines));
        }

        await Task.WhenAll(sets);
        await _cluster.SettleAsync();

        var step = TimeSpan.FromMilliseconds(100);
        for (var now = start; now <= start.AddSeconds(6); now += step)
        {
            _cluster.AdvanceTo(now);
            await _cluster.FlushShardsAsync();
        }

        await _cluster.Log.WaitForAsync(all => all.Count >= expected.Count);
        await _cluster.FlushShardsAsync();
        var deliveries = _cluster.Log.All();

        deliveries.Count.ShouldBe(expected.Count);
        deliveries.Select(d => (d.Grain, d.Fired.Name)).Distinct().Count().ShouldBe(expected.Count);
        foreach (var delivery in deliveries)
        {
            delivery.Fired.Due.ShouldBe(expected[(delivery.Grain, delivery.Fired.Name)]);
            delivery.Fired.Lateness.ShouldBeInRange(TimeSpan.Zero, step - TimeSpan.FromTicks(1));
        }

        (await _cluster.FlushShardsAsync()).Sum(s => s.Pending).ShouldBe(0);
    }

    [Fact]
    public async Task A_burst_of_ten_thousand_due_at_once_all_fire()
    {
        var due = _cluster.Now.AddSeconds(2);
        await Task.WhenAll(Enumerable.Range(0, Grains).Select(g =>
            _cluster.Probe($"burst-{g}").SetMany(Enumerable.Range(0, NamesPerGrain).Select(n => new ProbeDeadline($"n{n}", due)).ToList())));
        await _cluster.SettleAsync();

        var stopwatch = Stopwatch.StartNew();
        _cluster.AdvanceTo(due);
        await _cluster.Log.WaitForAsync(all => all.Count >= Grains * NamesPerGrain);
        stopwatch.Stop();
        await _cluster.FlushShardsAsync();

        output.WriteLine($"{Grains * NamesPerGrain} deadlines fired in {stopwatch.Elapsed.TotalMilliseconds:F0} ms ({Grains * NamesPerGrain / stopwatch.Elapsed.TotalSeconds:F0}/s).");
        _cluster.Log.All().Count.ShouldBe(Grains * NamesPerGrain);
        _cluster.Log.All().ShouldAllBe(d => d.Fired.FiredAt == due);
    }
}
