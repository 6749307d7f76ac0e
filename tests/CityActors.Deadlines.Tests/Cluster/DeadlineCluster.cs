using CityActors.PostgreSql.Deadlines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace CityActors.Deadlines.Tests.Cluster;

/// <summary>
/// An in-process Orleans cluster with deadlines, driven by a fake grain clock. Each silo registers the fake as its
/// default <see cref="TimeProvider"/> and pins every other keyed clock to real time with Orleans'
/// <c>UseTimeProviderForBackgroundAreas</c>: grain timers (hence the deadline shards) and the deadline service run on
/// the fake clock, while membership, messaging and the deadline keep-alive run on real time.
/// </summary>
public sealed class DeadlineCluster : IAsyncDisposable
{
    public const int ShardCount = 8;

    private DeadlineCluster(InProcessTestCluster cluster, FakeTimeProvider clock, DeliveryLog log)
    {
        Cluster = cluster;
        Clock = clock;
        Log = log;
    }

    public InProcessTestCluster Cluster { get; }

    public FakeTimeProvider Clock { get; }

    public DeliveryLog Log { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>Starts a cluster whose silos share one deadline table: <paramref name="postgres"/> if given, else one in-memory table.</summary>
    public static async Task<DeadlineCluster> StartAsync(int silos = 1, string? postgres = null, Action<DeadlineOptions>? configure = null)
    {
        var clock = new FakeTimeProvider(TestInstants.Start);
        var log = new DeliveryLog();
        var sharedTable = new MemoryDeadlineTable();
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<TimeProvider>(clock);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            silo.Services.AddSingleton(log);

            // A killed silo is declared dead within a few seconds, so its shards move to the survivors quickly.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.NumMissedProbesLimit = 1;
                o.NumVotesForDeathDeclaration = 1;
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            });
            if (postgres is null)
            {
                silo.Services.AddSingleton<IDeadlineTable>(sharedTable);
            }
            else
            {
                silo.AddCityActorsPostgreSqlDeadlineTable(postgres);
            }

            silo.AddCityActorsDeadlines(o =>
            {
                o.ShardCount = ShardCount;
                o.KeepAlivePeriod = TimeSpan.FromMilliseconds(250);
                configure?.Invoke(o);
            });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new DeadlineCluster(cluster, clock, log);
    }

    public IDeadlineProbeGrain Probe(string key) => Cluster.Client.GetGrain<IDeadlineProbeGrain>(key);

    public GrainId ProbeId(string key) => Probe(key).GetGrainId();

    public int ShardNumberOf(string probeKey) => DeadlineSharding.ShardOf(ProbeId(probeKey), ShardCount);

    public IDeadlineShardGrain ShardOf(string probeKey) => Cluster.Client.GetGrain<IDeadlineShardGrain>(ShardNumberOf(probeKey));

    /// <summary>Waits until every silo has told the shards of all committed changes and the shards are quiet (so they are scheduled before the clock moves).</summary>
    public async Task SettleAsync()
    {
        await Task.WhenAll(Cluster.GetActiveSilos().Select(s => s.ServiceProvider.GetRequiredService<DeadlineShardNotifier>().WhenIdleAsync()))
            .WaitAsync(TimeSpan.FromSeconds(30));
        await FlushShardsAsync();
    }

    /// <summary>
    /// Waits until every shard is quiet: nothing in flight, nothing left to delete, and no turn running. Only then may
    /// a test move the fake clock: a grain timer is armed with a delay from the clock's current instant, so a timer
    /// armed by a turn that is still running while the clock jumps would count its delay from after the jump.
    /// </summary>
    public async Task<IReadOnlyList<DeadlineShardStatus>> FlushShardsAsync()
    {
        var shards = Enumerable.Range(0, ShardCount).Select(s => Cluster.Client.GetGrain<IDeadlineShardGrain>(s)).ToList();
        await Task.WhenAll(shards.Select(s => s.GetStatusWhenIdle()));

        // The idle answer interleaves with the turn that made the shard idle; a plain status call queues behind that turn.
        return await Task.WhenAll(shards.Select(s => s.GetStatus()));
    }

    public void AdvanceTo(DateTimeOffset instant) => Clock.SetUtcNow(instant);

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
