namespace CityActors.Deadlines.Tests;

public sealed class DeadlineShardingTests
{
    // Computed once by the first release of DeadlineSharding; a change here is a breaking change of stored data.
    private const int PinnedShardOfCase = 61;
    private const int PinnedShardOfGrid = 47;

    [Fact]
    public void The_shard_of_a_grain_never_changes()
    {
        // Stored with every row: these values must hold in every release, or rows land in shards that never read them.
        DeadlineSharding.ShardOf(GrainId.Create("case", "2026-7"), 64).ShouldBe(PinnedShardOfCase);
        DeadlineSharding.ShardOf(GrainId.Create("grid", "nyc/0412"), 64).ShouldBe(PinnedShardOfGrid);
    }

    [Fact]
    public void Grains_spread_over_all_shards()
    {
        var counts = new int[64];
        for (var i = 0; i < 64_000; i++)
        {
            counts[DeadlineSharding.ShardOf(GrainId.Create("case", $"2026-{i}"), 64)]++;
        }

        counts.Min().ShouldBeGreaterThan(800);
        counts.Max().ShouldBeLessThan(1200);
    }
}
