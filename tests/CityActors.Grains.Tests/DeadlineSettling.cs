using CityActors.Deadlines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CityActors.Grains.Tests;

/// <summary>Waits, without sleeping, until the deadline shards have delivered everything due on the fake clock.</summary>
internal static class DeadlineSettling
{
    // Deliveries run on real threads (a case's command, its vital-sign count): on a loaded machine a round count alone
    // ran out while they were still under way, so the wait is bounded in real time and backs off after the first rounds.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private const int EagerRounds = 200;

    /// <summary>
    /// Each round reads what is due from the deadline table and asks every shard for its status (queued behind what
    /// the shard was already doing); settled when nothing due is left in the table and no delivery is in flight.
    /// Deliveries set new deadlines (an escalation's next point), which later rounds see.
    /// </summary>
    public static async Task SettleAsync(IServiceProvider silo, IGrainFactory grains, TimeProvider clock)
    {
        var table = silo.GetRequiredService<IDeadlineTable>();
        var shards = silo.GetRequiredService<IOptions<DeadlineOptions>>().Value.ShardCount;
        var started = System.Diagnostics.Stopwatch.StartNew();
        var last = "";
        for (var round = 0; started.Elapsed < Limit; round++)
        {
            var now = clock.GetUtcNow();
            var dueRows = new List<DeadlineEntry>();
            for (var shard = 0; shard < shards; shard++)
            {
                dueRows.AddRange(await table.ReadDueAsync(shard, now.AddTicks(1), default));
            }

            var statuses = await Task.WhenAll(Enumerable.Range(0, shards).Select(s => grains.GetGrain<IDeadlineShardGrain>(s).GetStatus()));
            if (dueRows.Count == 0 && statuses.All(s => s.InFlight == 0))
            {
                return;
            }

            last = $"due rows: {string.Join(", ", dueRows.Take(5).Select(r => $"{r.Key} at {r.Due:O}"))}; shards busy: "
                + string.Join(", ", statuses.Where(s => s.InFlight > 0 || s.Pending > 0).Select(s => s.ToString()));

            if (round < EagerRounds)
            {
                await Task.Yield();
            }
            else
            {
                await Task.Delay(5);
            }
        }

        throw new InvalidOperationException($"Deadlines due by {clock.GetUtcNow():O} were still undelivered after {Limit.TotalSeconds} s ({last}).");
    }
}
