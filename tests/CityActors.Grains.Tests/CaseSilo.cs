using CityActors.Deadlines;
using CityActors.Domain.Cases;
using CityActors.Domain.City;
using CityActors.Domain.Package;
using CityActors.GrainInterfaces.Cases;
using CityActors.GrainInterfaces.City;
using CityActors.GrainInterfaces.Serialization;
using CityActors.Grains.Cases;
using CityActors.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace CityActors.Grains.Tests;

/// <summary>
/// One silo of Orleans' in-process test cluster hosting the Riverton test city with the CityActors silo configuration,
/// its grains and deadlines on a fake clock set to Shanghai time (Orleans' own maintenance stays on real time).
/// </summary>
internal sealed class CaseSilo : IAsyncDisposable
{
    public static readonly Lazy<CityModel> Riverton = new(() => CityPackageLoader.Load(Path.Combine(AppContext.BaseDirectory, "TestCity")));

    public static readonly ReportedLocation SouthBank = ReportedLocation.At(121.405, 31.205);
    public static readonly ReportedLocation Harbour = ReportedLocation.At(121.4399, 31.2199);
    public static readonly Actor Hotline = new("hotline-platform", Role.ChannelSystem, "hotline");

    private CaseSilo(InProcessTestCluster cluster, FakeTimeProvider clock) => (Cluster, Clock) = (cluster, clock);

    public InProcessTestCluster Cluster { get; }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => Cluster.Silos[0].ServiceProvider;

    public IGrainFactory Grains => Cluster.Client;

    public CaseProjector Projector => Services.GetRequiredService<CaseProjector>();

    public ICaseReadModel ReadModel => Services.GetRequiredService<ICaseReadModel>();

    public static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    /// <summary>Starts a silo; <paramref name="settings"/> are configuration keys as in appsettings ("CityActors:Cases:WarnFraction");
    /// <paramref name="services"/> registers further silo services (before the CityActors defaults, which then stay out).</summary>
    public static async Task<CaseSilo> StartAsync(DateTimeOffset start, CaseRules? rules = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var clock = new FakeTimeProvider(start);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) =>
        {
            if (settings is not null)
            {
                host.Configuration.AddInMemoryCollection(settings);
            }
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(Riverton.Value);
            silo.Services.AddSingleton<TimeProvider>(clock);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            services?.Invoke(silo.Services);
            silo.AddCityActors(rules);
            silo.Services.Configure<DeadlineOptions>(o => o.ShardCount = 4);
        });
        builder.ConfigureClient(client => client.Services.AddSerializer(s => s.AddCityActorsSerialization()));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new CaseSilo(cluster, clock);
    }

    public ICaseGrain Case(string id) => Grains.GetGrain<ICaseGrain>(id);

    public IOpsCenterGrain Centre(string unit) => Grains.GetGrain<IOpsCenterGrain>(unit);

    public IDepartmentGrain Department(string code) => Grains.GetGrain<IDepartmentGrain>(code);

    public Task<CaseView> ReportAsync(string externalId, string matter, ReportedLocation where, Channel channel = Channel.Hotline) =>
        Case(Channels.CaseIdFor(channel, externalId)).Execute(new ReportCase(
            channel == Channel.Hotline ? Hotline : new Actor("platform", Role.ChannelSystem, channel.ToString()),
            new CaseReport(channel, externalId, matter, "描述", where, new Reporter("张三", "138", "citizen-1"))));

    public async Task<IReadOnlyList<string>> QueueAsync(IWorkQueueGrain owner, WorkQueue queue)
    {
        await Projector.CatchUpAsync();
        return [.. (await owner.GetQueue(queue)).Select(c => c.CaseId)];
    }

    /// <summary>Moves the clock to <paramref name="instant"/> and waits until every deadline due by then has been delivered.</summary>
    public async Task AdvanceToAsync(DateTimeOffset instant)
    {
        Clock.SetUtcNow(instant);
        await SettleAsync();
    }

    /// <summary>Moves the clock on by <paramref name="delta"/> and waits until every deadline due by then has been delivered.</summary>
    public async Task AdvanceAsync(TimeSpan delta)
    {
        Clock.Advance(delta);
        await SettleAsync();
    }

    /// <summary>Delivers every deadline due by now, including those set by the deliveries themselves, and returns when all are handled.</summary>
    public Task SettleAsync() => DeadlineSettling.SettleAsync(Services, Grains, Clock);

    /// <summary>Deactivates every idle activation, so the next call to a grain is served by a fresh one.</summary>
    public Task CollectIdleActivationsAsync() =>
        Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
