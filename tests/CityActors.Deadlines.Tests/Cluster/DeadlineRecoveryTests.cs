namespace CityActors.Deadlines.Tests.Cluster;

/// <summary>Deadlines missed while no shard could fire them: fired late, with their lateness, by the shard's next activation.</summary>
public sealed class DeadlineRecoveryTests
{
    [Fact]
    public async Task A_deadline_missed_while_its_shard_was_deactivated_fires_late_when_the_keep_alive_brings_it_back()
    {
        await using var cluster = await DeadlineCluster.StartAsync();
        var due = cluster.Now.AddSeconds(10);
        await cluster.Probe("idle").Set("sla", due);
        await cluster.SettleAsync();

        await cluster.Cluster.DeactivateAsync(cluster.ShardOf("idle"));
        cluster.AdvanceTo(due.AddSeconds(45));
        var delivery = await cluster.Log.WaitForAsync(cluster.ProbeId("idle"), "sla");

        delivery.Fired.Due.ShouldBe(due);
        delivery.Fired.Lateness.ShouldBe(TimeSpan.FromSeconds(45));
    }

    [Fact]
    public async Task Deadlines_of_a_killed_silos_shard_fire_late_on_a_survivor()
    {
        var database = await DeadlineDatabase.CreateAsync();
        await using var cluster = await DeadlineCluster.StartAsync(silos: 3, postgres: database);
        var due = cluster.Now.AddSeconds(10);
        var probe = cluster.Probe("victim");
        await probe.SetMany([new("sla", due), new("escalate", due.AddSeconds(20))]);
        await cluster.SettleAsync();
        var host = (await cluster.ShardOf("victim").GetStatus()).Silo;

        await cluster.Cluster.KillSiloAsync(cluster.Cluster.Silos.Single(s => s.SiloAddress == host));
        cluster.AdvanceTo(due.AddSeconds(50));
        await cluster.Log.WaitForAsync(all => all.Count(d => d.Grain == cluster.ProbeId("victim")) >= 2);

        var deliveries = cluster.Log.Of(cluster.ProbeId("victim"));
        var sla = deliveries.First(d => d.Fired.Name == "sla").Fired;
        var escalate = deliveries.First(d => d.Fired.Name == "escalate").Fired;
        sla.Lateness.ShouldBe(TimeSpan.FromSeconds(50));
        escalate.Lateness.ShouldBe(TimeSpan.FromSeconds(30));
        (await cluster.ShardOf("victim").GetStatus()).Silo.ShouldNotBe(host);
    }

    [Fact]
    public async Task Deadlines_missed_during_a_full_cluster_restart_fire_late_when_it_comes_back()
    {
        var database = await DeadlineDatabase.CreateAsync();
        await using var cluster = await DeadlineCluster.StartAsync(postgres: database);
        var due = cluster.Now.AddSeconds(10);
        var probe = cluster.ProbeId("restart");
        await cluster.Probe("restart").SetMany([new("sla", due), new("later", due.AddHours(1))]);
        await cluster.SettleAsync();

        await cluster.Cluster.StopAllSilosAsync();
        cluster.AdvanceTo(due.AddSeconds(90));
        await cluster.Cluster.StartAdditionalSiloAsync();
        var delivery = await cluster.Log.WaitForAsync(probe, "sla");

        delivery.Fired.Due.ShouldBe(due);
        delivery.Fired.Lateness.ShouldBe(TimeSpan.FromSeconds(90));
        cluster.Log.Of(probe).ShouldHaveSingleItem();
    }
}
