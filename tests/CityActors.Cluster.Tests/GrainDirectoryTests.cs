using Xunit.Abstractions;

namespace CityActors.Cluster.Tests;

/// <summary>
/// The measurement behind the grain directory choice (docs/cluster.md, "Grain directory"): the kill under load of
/// <see cref="ShippedClusterKill"/> (the shipped default, Orleans' distributed directory) against the same kill with
/// Orleans' classic DHT directory.
/// </summary>
[Collection(ShippedClusterKill.Collection)]
public sealed class GrainDirectoryTests(ShippedClusterKill shipped, ITestOutputHelper output)
{
    [Fact]
    public async Task Under_a_kill_the_shipped_directory_leaves_grains_of_the_survivors_alone_and_fails_over_within_10_s()
    {
        KillResult dht;
        await using (var cluster = await SiloCluster.StartAsync(3, new Dictionary<string, string> { ["CityActors__Cluster__GrainDirectory"] = "Dht" }))
        {
            dht = await KillScenario.RunAsync(cluster, "dht");
        }

        var distributed = shipped.Result;
        output.WriteLine($"Dht: {dht.Describe()}");
        output.WriteLine($"Distributed (shipped): {distributed.Describe()}");
        foreach (var result in new[] { dht, distributed })
        {
            result.Journals.Missing(result.Acknowledged).ShouldBeEmpty("conditional appends keep acknowledged events whatever the directory");
            result.Journals.NotContiguous().ShouldBeEmpty();
        }

        // The DHT directory loses the dead silo's share of registrations, and the survivors deactivate the grains
        // registered there (about one in three with three silos; they come back on their next call). The distributed
        // directory rebuilds those ranges from the survivors instead.
        dht.Reactivated.ShouldBeGreaterThan(0);
        distributed.Reactivated.ShouldBe(0, "grains on the surviving silos are not disturbed");
        distributed.Duplicated.ShouldBeEmpty("one activation per case throughout");
        distributed.Conflicts.ShouldBe(0, "no second activation raced the first");
        distributed.FirstSuccess.Max().ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }
}
