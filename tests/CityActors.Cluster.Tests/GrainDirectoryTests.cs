using Xunit.Abstractions;

namespace CityActors.Cluster.Tests;

/// <summary>
/// What the shipped grain directory (Orleans' distributed directory, docs/cluster.md "Grain directory") guarantees
/// under the kill of <see cref="ShippedClusterKill"/>: grains of the surviving silos keep their activations, no case is
/// active twice, and the dead silo's cases answer elsewhere within 10 s.
/// </summary>
[Collection(ShippedClusterKill.Collection)]
public sealed class GrainDirectoryTests(ShippedClusterKill shipped, ITestOutputHelper output)
{
    [Fact]
    public void Under_a_kill_the_shipped_directory_leaves_grains_of_the_survivors_alone_and_fails_over_within_10_s()
    {
        var result = shipped.Result;
        output.WriteLine(result.Describe());

        result.SurvivorGrains.ShouldBeGreaterThan(0);
        result.Reactivated.ShouldBe(0, "grains on the surviving silos are not disturbed");
        result.Duplicated.ShouldBeEmpty("one activation per case throughout");
        result.Conflicts.ShouldBe(0, "no second activation raced the first");
        result.FirstSuccess.Max().ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }
}
