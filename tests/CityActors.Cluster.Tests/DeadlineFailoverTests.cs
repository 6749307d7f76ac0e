using System.Diagnostics;
using System.Globalization;
using CityActors.Domain.Calendar;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;
using Xunit.Abstractions;

namespace CityActors.Cluster.Tests;

/// <summary>
/// SLA deadlines are rows of the deadline table served by deadline shard grains. A 督办 (supervision) order with a
/// short natural limit gives a case a clock whose warning (黄灯) and deadline (红灯) points come within seconds.
/// </summary>
public sealed class DeadlineFailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Deadlines_of_a_killed_silo_fire_on_the_survivor_and_after_a_full_restart_a_missed_one_fires_once_late()
    {
        await using var cluster = await SiloCluster.StartAsync(2);
        var caseId = CaseScript.CaseId("deadline-1");
        SlaTimer onTime, missed;
        SiloProcess survivor;
        var clock = Stopwatch.StartNew();
        await using (var client = await cluster.ConnectAsync())
        {
            var grain = client.Grains.GetGrain<ICaseGrain>(caseId);
            await grain.Execute(CaseScript.Report("deadline-1", 0));

            // Points (warning at 80 % of the limit) of the first order come after failover (≈ 4 s) and the next keep-alive
            // ping (≤ 3 s), those of the second after the whole cluster is down.
            onTime = Supervision(await grain.Execute(new SuperviseCase(CaseScript.CityLeader, "fix it now", TimeLimit.NaturalMinutes(15 / 60.0))), 1);
            missed = Supervision(await grain.Execute(new SuperviseCase(CaseScript.CityLeader, "and report", TimeLimit.NaturalMinutes(30 / 60.0))), 2);
            var shard = (int)await cluster.CountAsync($"select min(shard) from deadline where grain_key = '{caseId}'");
            var shardKey = shard.ToString("X", CultureInfo.InvariantCulture);
            var hosts = await Activations.HostsAsync(client, cluster);
            SiloAddress? holder = null;
            await Await.UntilAsync(
                async () => (holder = (await Activations.OfAsync(client, Activations.DeadlineShard)).FirstOrDefault(a => a.Key == shardKey).Silo) is not null,
                TimeSpan.FromSeconds(30),
                $"deadline shard {shard} active (every silo pings every shard every 3 s)");
            var owner = hosts[holder!];
            survivor = cluster.Silos.Single(s => s != owner);
            await owner.KillAsync();
            output.WriteLine($"cluster started in {cluster.StartedIn.TotalSeconds:0.0} s; killed {owner.Name}, which held deadline shard {shard}, {clock.Elapsed.TotalSeconds:0.00} s after the case was reported");
        }

        var journals = await AwaitJournalAsync(cluster, caseId, j => j.Any(r => r.Event is TimerOverdue { Key: "supervision:1" }));
        var warned = journals.Single(r => r.Event is TimerWarned { Key: "supervision:1" });
        warned.Event.Meta.At.ShouldBe(onTime.WarnAt, "the warning is recorded at its point");
        (warned.RecordedAt - onTime.WarnAt).ShouldBeLessThan(TimeSpan.FromSeconds(10), "fired by the survivor within the failover budget of its point");
        journals.Single(r => r.Event is TimerOverdue { Key: "supervision:1" }).Event.Meta.At.ShouldBe(onTime.DueAt);
        journals.Any(r => r.Event is TimerWarned { Key: "supervision:2" }).ShouldBeFalse("the second order's warning point has not come yet");

        // Whole cluster down across both points of the second order, then back.
        await survivor.KillAsync();
        var downAt = DateTimeOffset.UtcNow;
        await Await.UntilAsync(() => Task.FromResult(DateTimeOffset.UtcNow > missed.DueAt + TimeSpan.FromSeconds(1)), TimeSpan.FromSeconds(30), "the missed deadline passed while no silo ran");
        var restartedAt = DateTimeOffset.UtcNow;
        await Task.WhenAll(cluster.Silos.ToList().Select(cluster.RestartAsync));
        var listening = DateTimeOffset.UtcNow - restartedAt;
        journals = await AwaitJournalAsync(cluster, caseId, j => j.Any(r => r.Event is TimerOverdue { Key: "supervision:2" }));
        var lateWarning = journals.Single(r => r.Event is TimerWarned { Key: "supervision:2" });
        var lateOverdue = journals.Single(r => r.Event is TimerOverdue { Key: "supervision:2" });
        output.WriteLine($"cluster down {(restartedAt - downAt).TotalSeconds:0.0} s; restarted silos listening after {listening.TotalSeconds:0.0} s; " +
            $"missed warning recorded {(lateWarning.RecordedAt - restartedAt).TotalSeconds:0.0} s after the restart began, {(lateWarning.RecordedAt - missed.WarnAt).TotalSeconds:0.0} s late, at its point");

        lateWarning.Event.Meta.At.ShouldBe(missed.WarnAt, "a late tick records the point's own instant");
        lateOverdue.Event.Meta.At.ShouldBe(missed.DueAt);
        lateWarning.RecordedAt.ShouldBeGreaterThan(restartedAt, "fired by the restarted cluster");
        journals.Select(r => r.Version).ShouldBe(Enumerable.Range(1, journals.Count).Select(v => (long)v));
    }

    private static SlaTimer Supervision(CaseView view, int id) => view.Timers.Single(t => t.Key == TimerKeys.Supervision(id));

    /// <summary>Polls the case's journal in the database until <paramref name="done"/> holds.</summary>
    private static async Task<IReadOnlyList<JournalRow>> AwaitJournalAsync(SiloCluster cluster, string caseId, Func<IReadOnlyList<JournalRow>, bool> done)
    {
        IReadOnlyList<JournalRow> rows = [];
        await Await.UntilAsync(
            async () => done(rows = (await CaseJournals.ReadAsync(cluster.Database))[caseId]),
            TimeSpan.FromSeconds(60),
            $"the journal of {caseId} to show the deadline fired");
        return rows;
    }
}
