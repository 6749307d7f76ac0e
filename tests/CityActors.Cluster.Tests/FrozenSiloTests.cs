using System.Diagnostics;
using System.Text.Json;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;
using CityActors.GrainInterfaces.Serialization;
using Xunit.Abstractions;

namespace CityActors.Cluster.Tests;

public sealed class FrozenSiloTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_frozen_silo_resuming_after_its_cases_moved_cannot_append_to_their_journals()
    {
        await using var cluster = await SiloCluster.StartAsync(3);
        var reported = new List<string>();
        await using (var setup = await cluster.ConnectAsync())
        {
            for (var i = 0; i < 24; i++)
            {
                reported.Add((await setup.Grains.GetGrain<ICaseGrain>(CaseScript.CaseId($"frozen-{i}")).Execute(CaseScript.Report($"frozen-{i}", i))).Id);
            }
        }

        var hosts = new Dictionary<string, SiloProcess>(StringComparer.Ordinal);
        await using (var setup = await cluster.ConnectAsync())
        {
            var silos = await Activations.HostsAsync(setup, cluster);
            foreach (var (id, silo) in await Activations.OfCasesAsync(setup))
            {
                hosts[id] = silos[silo];
            }
        }

        // The victim is the silo hosting most of the cases; they are the subjects.
        var victim = hosts.Values.GroupBy(s => s).MaxBy(g => g.Count())!.Key;
        var subjects = reported.Where(id => hosts[id] == victim).ToList();

        // The main client never talks to the victim. Its calls may still be routed there until the survivors learn
        // of the death, and such a call waits out its timeout: keep that short and retry.
        await using var main = await cluster.ConnectAsync(TimeSpan.FromSeconds(4), [.. cluster.Silos.Where(s => s != victim)]);

        // The stale client knows only the victim's gateway: what it sends while the victim is frozen waits in the
        // frozen process's socket buffer and is read by the old activations the moment the process continues.
        await using var stale = await cluster.ConnectAsync(TimeSpan.FromSeconds(40), victim);
        foreach (var id in subjects)
        {
            (await stale.Grains.GetGrain<ICaseGrain>(id).Get()).Status.ShouldBe(CaseStatus.Reported);
        }

        await victim.FreezeAsync();
        var frozen = Stopwatch.StartNew();
        var queued = subjects.ToDictionary(id => id, id => stale.Grains.GetGrain<ICaseGrain>(id).Execute(new VerifyCase(CaseScript.CityLeader, "stale")));
        await Await.UntilAsync(() => cluster.IsDeclaredDeadAsync(victim), TimeSpan.FromSeconds(30), "the frozen silo declared dead");
        var declaredDead = frozen.Elapsed;
        foreach (var id in subjects)
        {
            var grain = main.Grains.GetGrain<ICaseGrain>(id);
            await FirstSuccess.AfterAsync(() => grain.Execute(new VerifyCase(CaseScript.CityLeader, "fresh")), frozen, TimeSpan.FromSeconds(60));
            (await grain.Execute(new AcceptCase(CaseScript.CityLeader))).Status.ShouldBe(CaseStatus.Dispatched);
        }

        var servedElsewhere = frozen.Elapsed;

        // The resumed silo learns of its death mostly from its next read of the membership table, which is overdue the
        // moment it continues, and then forwards what it had queued to the new activations. Holding that table (as a
        // slow database would) lets the old activations run what waited in their sockets first, as they do when the
        // silo resumes between two table reads.
        await using (await MembershipTableLock.TakeAsync(cluster.Database))
        {
            await victim.ResumeAsync();
            await Task.WhenAny(Task.WhenAll(queued.Values), Task.Delay(TimeSpan.FromSeconds(10)));
        }

        var outcomes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, call) in queued)
        {
            outcomes[id] = await OutcomeAsync(call);
        }

        output.WriteLine($"cluster started in {cluster.StartedIn.TotalSeconds:0.0} s; {subjects.Count} cases on the frozen silo; declared dead {declaredDead.TotalSeconds:0.00} s after SIGSTOP, served elsewhere by {servedElsewhere.TotalSeconds:0.00} s");
        output.WriteLine("stale commands: " + string.Join(", ", outcomes.GroupBy(o => o.Value).Select(g => $"{g.Key} {g.Count()}")));
        var journals = await CaseJournals.ReadAsync(cluster.Database);
        foreach (var id in subjects)
        {
            var journal = journals[id];
            journal.Select(r => r.Version).ShouldBe(Enumerable.Range(1, journal.Count).Select(v => (long)v), $"versions of {id}");
            journal.Where(r => r.Event is CaseVerified).Select(r => r.Event.Meta.Reason).ShouldBe(["fresh"], $"verifications of {id}");
            journal.Count(r => r.Event is CaseAccepted).ShouldBe(1, $"acceptances of {id}");
            var served = await main.Grains.GetGrain<ICaseGrain>(id).Get();
            Json(served).ShouldBe(Json(CaseView.From(journals.Replay(id))), $"{id} as served equals its journal replayed");
            outcomes[id].ShouldNotBe("acknowledged", $"the stale verification of {id} must not be acknowledged");
        }

        // Proof that the scenario happened: old activations did run queued commands, and their appends were refused.
        // (With the table held, all of them in our runs; one that learns of the death by gossip first forwards instead.)
        outcomes.Values.ShouldContain($"refused {CaseErrorKind.Conflict}");
    }

    private static async Task<string> OutcomeAsync(Task<CaseView> call)
    {
        try
        {
            await call;
            return "acknowledged";
        }
        catch (CaseCommandException ex)
        {
            return $"refused {ex.Kind}";
        }
        catch (Exception ex)
        {
            return ex.GetType().Name;
        }
    }

    private static string Json(CaseView view) => JsonSerializer.Serialize(view, DomainSerialization.Json);
}
