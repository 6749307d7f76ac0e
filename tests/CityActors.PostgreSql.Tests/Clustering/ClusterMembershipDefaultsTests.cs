using CityActors.PostgreSql.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace CityActors.PostgreSql.Tests.Clustering;

public sealed class ClusterMembershipDefaultsTests
{
    private const string NoDatabase = "Host=127.0.0.1;Port=5432;Database=cluster;Username=silo";

    [Fact]
    public async Task The_clustering_extension_applies_the_defaults()
    {
        await using var silo = TestSilo.Create(NoDatabase, "c1", "a");

        var membership = silo.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        var directory = silo.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value;

        membership.ProbeTimeout.ShouldBe(ClusterMembershipDefaults.ProbeTimeout);
        membership.MinProbeTimeout.ShouldBe(ClusterMembershipDefaults.MinProbeTimeout);
        membership.MaxProbeTimeout.ShouldBe(ClusterMembershipDefaults.MaxProbeTimeout);
        membership.NumMissedProbesLimit.ShouldBe(ClusterMembershipDefaults.NumMissedProbesLimit);
        membership.NumVotesForDeathDeclaration.ShouldBe(ClusterMembershipDefaults.NumVotesForDeathDeclaration);
        membership.DeathVoteExpirationTimeout.ShouldBe(ClusterMembershipDefaults.DeathVoteExpirationTimeout);
        membership.IAmAliveTablePublishTimeout.ShouldBe(ClusterMembershipDefaults.IAmAliveTablePublishTimeout);
        membership.NumMissedTableIAmAliveLimit.ShouldBe(ClusterMembershipDefaults.NumMissedTableIAmAliveLimit);
        membership.TableRefreshTimeout.ShouldBe(ClusterMembershipDefaults.TableRefreshTimeout);
        directory.RangeLeaseDuration.ShouldBe(ClusterMembershipDefaults.RangeLeaseDuration);
    }

    [Fact]
    public async Task Configuration_overrides_the_defaults()
    {
        await using var silo = TestSilo.Create(NoDatabase, "c1", "a", configuration: new Dictionary<string, string?>
        {
            ["CityActors:Membership:ProbeTimeout"] = "00:00:04",
            ["CityActors:Membership:MaxProbeTimeout"] = "00:00:08",
            ["CityActors:GrainDirectory:RangeLeaseDuration"] = "00:00:40",
        });

        var membership = silo.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        var directory = silo.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value;

        membership.ProbeTimeout.ShouldBe(TimeSpan.FromSeconds(4));
        membership.MaxProbeTimeout.ShouldBe(TimeSpan.FromSeconds(8));
        membership.NumMissedProbesLimit.ShouldBe(ClusterMembershipDefaults.NumMissedProbesLimit);
        directory.RangeLeaseDuration.ShouldBe(TimeSpan.FromSeconds(40));
    }

    [Fact]
    public void The_defaults_keep_the_documented_failure_budget()
    {
        // The arithmetic of ClusterMembershipDefaults' remarks, so that changing one number cannot silently break it.
        var window = ClusterMembershipDefaults.MaxProbeTimeout * ClusterMembershipDefaults.NumMissedProbesLimit;
        var leaseAfterDeclaration = ClusterMembershipDefaults.RangeLeaseDuration - window;
        var indirectProbe = ClusterMembershipDefaults.MaxProbeTimeout;

        // Silent failure: votes are withheld for the window, the next (indirect) miss votes, then the lease runs out.
        var silentFailover = window + indirectProbe + leaseAfterDeclaration;
        // Killed process: one fast miss per probe period, no withheld vote, then the lease.
        var killedFailover = (ClusterMembershipDefaults.MinProbeTimeout * ClusterMembershipDefaults.NumMissedProbesLimit) + leaseAfterDeclaration;
        // Probes missed during a pause, at one per period, plus the one in flight when it began.
        var probesMissedInOneSecondPause = (int)(TimeSpan.FromSeconds(1) / ClusterMembershipDefaults.MinProbeTimeout) + 1;

        leaseAfterDeclaration.ShouldBeGreaterThanOrEqualTo(TimeSpan.Zero);
        silentFailover.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(7));
        killedFailover.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(4));
        probesMissedInOneSecondPause.ShouldBeLessThan(ClusterMembershipDefaults.NumMissedProbesLimit);
        window.ShouldBeGreaterThan(TimeSpan.FromSeconds(1));
        ClusterMembershipDefaults.DeathVoteExpirationTimeout.ShouldBeGreaterThan(window + indirectProbe);
    }
}
