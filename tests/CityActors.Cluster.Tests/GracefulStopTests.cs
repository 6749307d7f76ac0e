using CityActors.Domain.Cases;
using Xunit.Abstractions;

namespace CityActors.Cluster.Tests;

public sealed class GracefulStopTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_silo_stopped_with_sigterm_under_load_hands_over_without_a_client_visible_error()
    {
        await using var cluster = await SiloCluster.StartAsync(2);
        await using var client = await cluster.ConnectAsync();
        var load = CaseLoad.Start(client.Grains, "term");
        await Await.UntilAsync(
            async () => load.AcknowledgedCommands.Count >= 100 && (await Activations.OfCasesAsync(client)).Select(a => a.Silo).Distinct().Count() == 2,
            TimeSpan.FromSeconds(60),
            "cases active on both silos");
        var stopping = cluster.Silos[1];

        var exitCode = await stopping.TerminateAsync(TimeSpan.FromSeconds(60));
        var acknowledgedAtExit = load.AcknowledgedCommands.Count;
        await Await.UntilAsync(() => Task.FromResult(load.AcknowledgedCommands.Count >= acknowledgedAtExit + 100), TimeSpan.FromSeconds(30), "the load going on on the survivor");
        var acknowledged = await load.StopAsync();

        output.WriteLine($"cluster started in {cluster.StartedIn.TotalSeconds:0.0} s; {load.Summary()}");
        exitCode.ShouldBe(0, stopping.OutputTail);
        load.Failures.ShouldBeEmpty(cluster.Logs());
        var journals = await CaseJournals.ReadAsync(cluster.Database);
        journals.Missing(acknowledged).ShouldBeEmpty();
        journals.NotContiguous().ShouldBeEmpty();
        (await cluster.CountAsync("select count(*) from orleans_membership where status = 6")).ShouldBe(1, "the stopped silo marked itself dead");
        acknowledged.Count(a => a.Status == CaseStatus.Closed).ShouldBeGreaterThan(0, "cases went through their whole lifecycle");
    }
}
