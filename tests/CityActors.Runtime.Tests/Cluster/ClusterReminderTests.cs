using CityActors.Testing;

namespace CityActors.Runtime.Tests.Cluster;

public sealed class ClusterReminderTests
{
    [Fact]
    public async Task Reminders_of_a_killed_silo_fire_on_the_new_owner_and_keep_their_period()
    {
        await using var cluster = await TestCluster.StartAsync(2, silo => silo.AddGrain<TickerGrain>());
        await cluster.WaitForStableAsync();
        await using var client = await cluster.ConnectClientAsync();
        var victim = cluster.Silos[0];
        var key = Enumerable.Range(0, 1000).Select(i => $"ticker-{Guid.NewGuid():N}").First(k => client.GetGrain<ITickerGrain>(k).Silo().Result == victim.Name);
        var period = TimeSpan.FromMilliseconds(400);
        await client.GetGrain<ITickerGrain>(key).Start("sla", TimeSpan.FromMilliseconds(200), period);
        await client.GetGrain<ITickerGrain>(key).Start("once", TimeSpan.FromSeconds(2), TimeSpan.Zero);
        await Eventually.Until(() => TickLog.For(key).Count(t => t.Reminder == "sla") >= 2);

        await cluster.KillSiloAsync(victim);
        var survivor = cluster.Silos.Single().Name;
        await Eventually.Until(() => TickLog.For(key).Count(t => t.Reminder == "sla" && t.Silo == survivor) >= 3 && TickLog.For(key).Any(t => t.Reminder == "once"));

        var ticks = TickLog.For(key);
        var periodic = ticks.Where(t => t.Reminder == "sla").ToList();
        var first = periodic[0].Status.FirstTickTime;
        periodic.ShouldAllBe(t => (t.Status.CurrentTickTime - first).Ticks % period.Ticks == 0, "every tick stays on the period grid");
        periodic.Select(t => t.Status.CurrentTickTime).ShouldBeInOrder();
        periodic.Last().Silo.ShouldBe(survivor);
        var once = ticks.Where(t => t.Reminder == "once").ToList();
        once.Select(t => t.Status.CurrentTickTime).Distinct().Count().ShouldBe(1, "a one-shot reminder fires for one due time");
    }

    [Fact]
    public async Task After_a_full_cluster_restart_missed_ticks_fire_once_with_their_lateness()
    {
        await using var cluster = await TestCluster.StartAsync(2, silo => silo.AddGrain<TickerGrain>());
        await cluster.WaitForStableAsync();
        var key = $"restart-{Guid.NewGuid():N}";
        await using (var client = await cluster.ConnectClientAsync())
        {
            await client.GetGrain<ITickerGrain>(key).Start("sla", TimeSpan.FromMilliseconds(1500), TimeSpan.FromMilliseconds(500));
        }

        var silos = cluster.Silos.ToList();
        foreach (var silo in silos)
        {
            await cluster.StopSiloAsync(silo);
        }

        // Down for longer than several periods.
        await Task.Delay(TimeSpan.FromSeconds(3));
        TickLog.For(key).ShouldBeEmpty();
        var restartedAt = DateTimeOffset.UtcNow;
        foreach (var silo in silos)
        {
            await cluster.RestartSiloAsync(silo);
        }

        // Delivery is at least once: a tick caught by a shard moving during the restarts may arrive twice.
        await Eventually.Until(() => TickLog.For(key).DistinctBy(t => t.Status.CurrentTickTime).Count() >= 3);
        var ticks = TickLog.For(key).DistinctBy(t => t.Status.CurrentTickTime).ToList();
        var missed = ticks[0];
        missed.Status.Lateness.ShouldBeGreaterThan(TimeSpan.FromSeconds(1), "the missed tick reports how late it is");
        missed.Status.CurrentTickTime.ShouldBe(missed.Status.FirstTickTime);
        ticks.Count(t => t.Status.CurrentTickTime < restartedAt).ShouldBe(1, "missed ticks fire once, not once per missed period");
        ticks[1].Status.CurrentTickTime.ShouldBeGreaterThan(restartedAt);
        ticks[2].Status.CurrentTickTime.ShouldBe(ticks[1].Status.CurrentTickTime + TimeSpan.FromMilliseconds(500));
    }
}
