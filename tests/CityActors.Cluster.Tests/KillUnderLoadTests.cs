using Xunit.Abstractions;

namespace CityActors.Cluster.Tests;

[Collection(ShippedClusterKill.Collection)]
public sealed class KillUnderLoadTests(ShippedClusterKill kill, ITestOutputHelper output)
{
    [Fact]
    public void A_silo_killed_under_load_loses_no_acknowledged_event_and_its_cases_answer_elsewhere_within_10_s()
    {
        var result = kill.Result;

        output.WriteLine($"cluster started in {kill.StartedIn.TotalSeconds:0.0} s; {result.Describe()}");
        result.CasesOnVictim.ShouldBeGreaterThan(0);
        result.Journals.Missing(result.Acknowledged).ShouldBeEmpty(kill.Logs);
        result.Journals.NotContiguous().ShouldBeEmpty();
        result.FirstSuccess.Max().ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }
}
