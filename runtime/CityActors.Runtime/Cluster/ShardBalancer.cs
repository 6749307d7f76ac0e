namespace CityActors.Runtime.Cluster;

/// <summary>What one silo does in one balancing round.</summary>
internal sealed record BalancePlan(IReadOnlyList<int> Claim, IReadOnlyList<int> Release)
{
    public static readonly BalancePlan None = new([], []);
}

/// <summary>
/// Decides, from one silo's point of view, which shards to claim and which to hand off so that shards spread evenly
/// over live silos. Every silo runs the same rule independently; the database arbitrates claims.
/// <list type="bullet">
/// <item>Target per silo: ceil(shards / live silos).</item>
/// <item>Claim: a silo under target claims free shards (released, expired, never owned) up to its target, at once;
/// free shards are unavailable, so this is not rate-limited.</item>
/// <item>Release: a silo above floor(shards / live silos) hands off at most <c>maxMovesPerRound</c> shards per round,
/// and only while another live silo is below that floor, so shards move gradually when silos join.</item>
/// </list>
/// </summary>
internal static class ShardBalancer
{
    public static BalancePlan Plan(Guid self, IReadOnlyCollection<Guid> liveSilos, IReadOnlyList<ShardAssignment> shards, int maxMovesPerRound, int seed)
    {
        var live = new HashSet<Guid>(liveSilos) { self };
        var target = (shards.Count + live.Count - 1) / live.Count;
        var counts = live.ToDictionary(s => s, _ => 0);
        var free = new List<int>();
        var mine = new List<int>();
        foreach (var shard in shards)
        {
            if (shard.SiloId is not { } owner || shard.Expired)
            {
                free.Add(shard.Shard);
                continue;
            }

            if (counts.ContainsKey(owner))
            {
                counts[owner]++;
            }

            if (owner == self)
            {
                mine.Add(shard.Shard);
            }
        }

        var owned = counts[self];
        if (owned < target && free.Count > 0)
        {
            // Start at a silo-specific offset so silos claiming in the same round mostly ask for different shards.
            var start = (int)((uint)seed % (uint)free.Count);
            var claim = Enumerable.Range(0, Math.Min(target - owned, free.Count)).Select(i => free[(start + i) % free.Count]).ToList();
            return new BalancePlan(claim, []);
        }

        // Hand off down to the floor of the fair share while another silo is below it; the silo below then claims
        // up to the ceiling, so the spread ends within one shard.
        var floor = shards.Count / live.Count;
        if (owned > floor && counts.Any(c => c.Key != self && c.Value < floor) && free.Count == 0)
        {
            var release = mine.Skip(mine.Count - Math.Min(owned - floor, maxMovesPerRound)).ToList();
            return new BalancePlan([], release);
        }

        return BalancePlan.None;
    }
}
