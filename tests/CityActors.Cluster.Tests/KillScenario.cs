using System.Diagnostics;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;

namespace CityActors.Cluster.Tests;

/// <summary>What a kill under load did.</summary>
/// <param name="CasesOnVictim">Cases active on the killed silo at the kill.</param>
/// <param name="FirstSuccess">Per such case, the time from SIGKILL to its first successful call.</param>
/// <param name="Duplicated">Cases seen active on two surviving silos at once after the kill, in two consecutive samples.</param>
/// <param name="SurvivorGrains">Plain grains that lived on the surviving silos.</param>
/// <param name="Reactivated">How many of those were deactivated and activated again because of the kill.</param>
/// <param name="Acknowledged">Every command the cluster acknowledged.</param>
internal sealed record KillResult(
    int CasesOnVictim,
    IReadOnlyList<TimeSpan> FirstSuccess,
    IReadOnlySet<string> Duplicated,
    int SurvivorGrains,
    int Reactivated,
    IReadOnlyList<Acknowledged> Acknowledged,
    IReadOnlyDictionary<string, int> Failures,
    IReadOnlyDictionary<string, string> FailureSamples,
    CaseJournals Journals)
{
    public int Conflicts => Failures.TryGetValue($"{nameof(CaseCommandException)}.{CaseErrorKind.Conflict}", out var n) ? n : 0;

    public string Describe() =>
        $"{CasesOnVictim} cases on the killed silo, first success after {FirstSuccess.Min().TotalSeconds:0.00}–{FirstSuccess.Max().TotalSeconds:0.00} s; " +
        $"{Duplicated.Count} cases active twice; {Reactivated} of {SurvivorGrains} grains on the survivors re-activated; {Acknowledged.Count} commands acknowledged; failures: " +
        (Failures.Count == 0 ? "none" : string.Join(", ", Failures.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {f.Value}"))) +
        string.Concat(FailureSamples.Select(s => $"{Environment.NewLine}  {s.Key}: {s.Value}"));
}

/// <summary>
/// Three silos under a case load; one is SIGKILLed. Probes measure when each of its cases first answers again, every
/// case the load touched is read once more through the survivors, the survivors are sampled for grains active twice,
/// and grains that lived on the survivors are checked for having been re-activated.
/// </summary>
internal static class KillScenario
{
    private static readonly TimeSpan ProbeLimit = TimeSpan.FromSeconds(30);

    public static async Task<KillResult> RunAsync(SiloCluster cluster, string prefix)
    {
        // A call whose answer was lost with the killed silo waits out the client's response timeout (Orleans' default
        // 30 s would stall every caller caught by the kill): a front-end's own deadline of 5 s.
        await using var client = await cluster.ConnectAsync(TimeSpan.FromSeconds(5));
        var load = CaseLoad.Start(client.Grains, prefix);
        await Await.UntilAsync(
            async () => load.AcknowledgedCommands.Count >= 150 && (await Activations.OfCasesAsync(client)).Select(a => a.Silo).Distinct().Count() == 3,
            TimeSpan.FromSeconds(60),
            "cases active on all three silos");
        var bystanders = await SurvivorActivations.ActivateAsync(client, prefix, 300);
        var victim = cluster.Silos[1];
        var hosts = await Activations.HostsAsync(client, cluster);
        var victimAddress = hosts.Single(h => h.Value == victim).Key;
        var survivors = hosts.Keys.Where(a => !a.Equals(victimAddress)).ToArray();
        var onVictim = (await Activations.OfCasesAsync(client, victimAddress)).Select(a => a.Key).ToList();

        await victim.KillAsync();
        var sinceKill = Stopwatch.StartNew();
        using var sampling = new CancellationTokenSource();
        var duplicates = SampleDuplicatesAsync(client, survivors, sampling.Token);
        var firstSuccess = await Task.WhenAll(onVictim.Select(id =>
            FirstSuccess.AfterAsync(() => ReadAsync(client.Grains.GetGrain<ICaseGrain>(id)), sinceKill, ProbeLimit)));

        // A case whose directory entry died with the victim is looked up afresh by whichever silo routes it next.
        await Task.WhenAll(load.Cases.Select(id => FirstSuccess.AfterAsync(() => ReadAsync(client.Grains.GetGrain<ICaseGrain>(id)), sinceKill, ProbeLimit)));
        var (survivorGrains, reactivated) = await bystanders.CountReactivatedAsync(client, victimAddress);
        var acknowledgedAtRecovery = load.AcknowledgedCommands.Count;
        await Await.UntilAsync(() => Task.FromResult(load.AcknowledgedCommands.Count >= acknowledgedAtRecovery + 100), TimeSpan.FromSeconds(30), "the load going on");
        var acknowledged = await load.StopAsync();
        await sampling.CancelAsync();
        var duplicated = await duplicates;
        return new KillResult(onVictim.Count, firstSuccess, duplicated, survivorGrains, reactivated, acknowledged, load.Failures, load.FailureSamples, await CaseJournals.ReadAsync(cluster.Database));
    }

    private static async Task ReadAsync(ICaseGrain grain)
    {
        try
        {
            await grain.Get();
        }
        catch (CaseCommandException ex) when (ex.Kind == CaseErrorKind.NotFound)
        {
            // A case whose report never went through: the grain answered all the same.
        }
    }

    /// <summary>
    /// Every 100 ms until cancelled: the cases listed on more than one survivor in two consecutive samples. One sample
    /// alone can list an activation whose directory registration was refused on its way out: it never runs the
    /// grain's code (messages are forwarded to the registered activation) and is gone within milliseconds.
    /// </summary>
    private static async Task<IReadOnlySet<string>> SampleDuplicatesAsync(ClusterClientHost client, SiloAddress[] survivors, CancellationToken stop)
    {
        var duplicated = new HashSet<string>(StringComparer.Ordinal);
        var previous = new HashSet<string>(StringComparer.Ordinal);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var active = await Activations.OfCasesAsync(client, survivors);
                var twice = active.GroupBy(a => a.Key).Where(g => g.Select(a => a.Silo).Distinct().Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
                duplicated.UnionWith(twice.Intersect(previous));
                previous = twice;
                await Task.Delay(TimeSpan.FromMilliseconds(100), stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is SiloUnavailableException or TimeoutException or OrleansException)
            {
                // The sample went through the dead gateway; take the next.
            }
        }

        return duplicated;
    }
}
