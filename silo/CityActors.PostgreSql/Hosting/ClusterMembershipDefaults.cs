using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace CityActors.PostgreSql.Hosting;

/// <summary>
/// Production failure-detection settings: a killed silo's grains answer on another silo within 10 s, and a silo that
/// pauses for a second (a GC, a VM hiccup) is never declared dead.
/// </summary>
/// <remarks>
/// <para>
/// Applied by <see cref="PostgresClusteringExtensions.UseCityActorsPostgreSqlClustering(Orleans.Hosting.ISiloBuilder, string)"/>.
/// Anything configured later wins: the sections <c>CityActors:Membership</c> (any <see cref="ClusterMembershipOptions"/>
/// property) and <c>CityActors:GrainDirectory</c> (any <see cref="GrainDirectoryOptions"/> property), or code that configures
/// the options after the call. Orleans refuses to start unless MinProbeTimeout ≤ ProbeTimeout ≤ MaxProbeTimeout, so raise
/// MaxProbeTimeout together with ProbeTimeout.
/// </para>
/// <para>
/// How Orleans detects a failure: every silo probes its peers. The probe timeout, which is also the period between
/// probes, adapts to measured round trips (mean plus a margin of at least half of <see cref="ProbeTimeout"/>) and is
/// clamped to [<see cref="MinProbeTimeout"/>, <see cref="MaxProbeTimeout"/>]; on a LAN it settles at the minimum, 1 s.
/// After <see cref="NumMissedProbesLimit"/> consecutive misses (the last sent through another silo, with the timeout
/// doubled but still capped at 1.5 s) the prober votes the peer dead, and the other silo of that indirect probe votes
/// too. A vote is withheld while the peer has sent anything within the failure-detection window
/// W = <see cref="MaxProbeTimeout"/> × <see cref="NumMissedProbesLimit"/> = 1.5 s × 3 = 4.5 s.
/// <see cref="NumVotesForDeathDeclaration"/> = 2 fresh votes declare a silo dead (in a cluster of two, one). The
/// distributed grain directory (on by default, see <c>SiloModeExtensions</c>) then keeps the dead silo's directory
/// ranges closed to new registrations until R − W after the declaration, R = <see cref="RangeLeaseDuration"/> = 5.5 s,
/// i.e. for 1 s.
/// </para>
/// <para>
/// Killed process, host alive (connections are refused at once, so probes fail immediately and no vote is withheld):
/// misses at ≤ 1, 2 and 3 s, declared dead at ≤ 3 s, grains re-activate elsewhere at ≤ 4 s. Where round trips vary
/// (a busy machine) the period sits at the 1.5 s maximum: declared dead at ≤ 4.5 s (measured on two busy cores: 4.2 s),
/// grains answering elsewhere at ≤ 5.5 s (measured 3.1–5.3 s; docs/cluster.md).
/// Silent failure (host or network gone, connections stay open): misses at ≤ 2, 3 and 4.5 s; that vote is withheld
/// because the last message is at most W = 4.5 s old; the next indirect miss, at ≤ W + 1.5 s = 6 s, votes. Declared
/// dead at ≤ 6 s (measured after SIGSTOP: 4.5–5.1 s), grains re-activate at ≤ 7 s: 3 s to spare within the 10 s budget
/// for gossip, the database round trips, the new activation and the caller's retry.
/// </para>
/// <para>
/// A 1 s pause: probes are 1 s apart with a 1 s timeout, so a pause makes at most two probes miss, short of the three
/// in a row that lead to a vote; and any vote within W = 4.5 s of the silo's last message is withheld anyway. Only
/// about 4.5 s of silence gets a silo declared dead.
/// </para>
/// <para>
/// The table: each silo writes its heartbeat every <see cref="IAmAliveTablePublishTimeout"/> = 5 s, and a silo whose
/// heartbeat is <see cref="NumMissedTableIAmAliveLimit"/> × 5 s = 15 s old stops counting as a voter, an intermediary or a
/// gossip target. Silos re-read the table every <see cref="TableRefreshTimeout"/> = 5 s as a backstop for lost gossip and
/// so that a silo wrongly declared dead (say, partitioned from its peers) learns it and stops within 5 s. Votes expire
/// after <see cref="DeathVoteExpirationTimeout"/> = 20 s, long enough for a second prober (≤ 6 s later) to add its vote,
/// short enough that unrelated hiccups minutes apart never add up to a declaration. For N silos the database sees N
/// heartbeat writes per 5 s and N table reads per 5 s.
/// </para>
/// <para>
/// The price of failing over in 10 s: a silo declared dead while alive (partitioned, or paused for longer than W) may
/// keep serving its grains for up to <see cref="TableRefreshTimeout"/> after the 1 s directory lease, in parallel with
/// the new activations. Durable state stays single-writer through the storage's version checks, not through timing.
/// </para>
/// </remarks>
public static class ClusterMembershipDefaults
{
    /// <summary>Configuration section overriding <see cref="ClusterMembershipOptions"/>.</summary>
    public const string MembershipSectionName = "CityActors:Membership";

    /// <summary>Configuration section overriding <see cref="GrainDirectoryOptions"/>.</summary>
    public const string GrainDirectorySectionName = "CityActors:GrainDirectory";

    /// <summary>First probe timeout and period, before round trips are measured.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1.5);

    /// <summary>Lower bound of the adaptive probe timeout and period.</summary>
    public static readonly TimeSpan MinProbeTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of the adaptive probe timeout (also when extended for an indirect probe or local degradation).</summary>
    public static readonly TimeSpan MaxProbeTimeout = TimeSpan.FromSeconds(1.5);

    /// <summary>Consecutive missed probes before a vote.</summary>
    public const int NumMissedProbesLimit = 3;

    /// <summary>Fresh votes that declare a silo dead.</summary>
    public const int NumVotesForDeathDeclaration = 2;

    /// <summary>Age after which a death vote no longer counts.</summary>
    public static readonly TimeSpan DeathVoteExpirationTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Period of each silo's heartbeat write to the membership table.</summary>
    public static readonly TimeSpan IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Missed heartbeats after which a silo's entry counts as stale.</summary>
    public const int NumMissedTableIAmAliveLimit = 3;

    /// <summary>Period of each silo's full read of the membership table.</summary>
    public static readonly TimeSpan TableRefreshTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Directory lease on a crashed silo's grains, counted from its estimated failure time.</summary>
    public static readonly TimeSpan RangeLeaseDuration = TimeSpan.FromSeconds(5.5);

    /// <summary>Sets the membership values above.</summary>
    public static void Apply(ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ProbeTimeout = ProbeTimeout;
        options.MinProbeTimeout = MinProbeTimeout;
        options.MaxProbeTimeout = MaxProbeTimeout;
        options.NumMissedProbesLimit = NumMissedProbesLimit;
        options.NumVotesForDeathDeclaration = NumVotesForDeathDeclaration;
        options.DeathVoteExpirationTimeout = DeathVoteExpirationTimeout;
        options.IAmAliveTablePublishTimeout = IAmAliveTablePublishTimeout;
        options.NumMissedTableIAmAliveLimit = NumMissedTableIAmAliveLimit;
        options.TableRefreshTimeout = TableRefreshTimeout;
    }

    /// <summary>Sets the directory lease above.</summary>
    public static void Apply(GrainDirectoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RangeLeaseDuration = RangeLeaseDuration;
    }

    /// <summary>Registers the defaults, then the configuration sections, so that configuration wins.</summary>
    internal static void AddTo(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ClusterMembershipOptions>(Apply);
        services.Configure<ClusterMembershipOptions>(configuration.GetSection(MembershipSectionName));
        services.Configure<GrainDirectoryOptions>(Apply);
        services.Configure<GrainDirectoryOptions>(configuration.GetSection(GrainDirectorySectionName));
    }
}
