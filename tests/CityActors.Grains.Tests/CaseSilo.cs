using CityActors.Domain.Cases;
using CityActors.Domain.City;
using CityActors.Domain.Package;
using CityActors.GrainInterfaces.Cases;
using CityActors.GrainInterfaces.City;
using CityActors.Grains.Cases;
using CityActors.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.Grains.Tests;

/// <summary>An embedded silo hosting the Riverton test city with case handling, on a manual clock set to Shanghai time.</summary>
internal sealed class CaseSilo : IAsyncDisposable
{
    public static readonly Lazy<CityModel> Riverton = new(() => CityPackageLoader.Load(Path.Combine(AppContext.BaseDirectory, "TestCity")));

    public static readonly ReportedLocation SouthBank = ReportedLocation.At(121.405, 31.205);
    public static readonly ReportedLocation Harbour = ReportedLocation.At(121.4399, 31.2199);
    public static readonly Actor Hotline = new("hotline-platform", Role.ChannelSystem, "hotline");

    private CaseSilo(TestSilo silo) => Silo = silo;

    public TestSilo Silo { get; }

    public ManualTimeProvider Clock => Silo.Clock;

    public IGrainFactory Grains => Silo.Grains;

    public CaseProjector Projector => Silo.Services.GetRequiredService<CaseProjector>();

    public ICaseViewStore ReadModel => Silo.Services.GetRequiredService<ICaseViewStore>();

    public static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    public static async Task<CaseSilo> StartAsync(DateTimeOffset start, CaseRules? rules = null) =>
        new(await TestSilo.StartAsync(
            silo => silo.AddGrains(typeof(CaseGrain).Assembly).AddCases(rules),
            new ManualTimeProvider(start),
            services: s => s.AddSingleton(Riverton.Value)));

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

    /// <summary>Moves the clock to <paramref name="instant"/> and waits until the cases have handled every reminder due by then.</summary>
    public async Task AdvanceToAsync(DateTimeOffset instant, params string[] caseIds)
    {
        Clock.AdvanceTo(instant);
        await SettleAsync(caseIds);
    }

    /// <summary>
    /// Lets every reminder due by now reach its case: reminder deliveries run on their own, so fire due timers and read
    /// the cases until no version moves any more with the clock standing still.
    /// </summary>
    public async Task SettleAsync(IReadOnlyList<string> caseIds)
    {
        int[]? previous = null;
        for (var round = 0; round < 50; round++)
        {
            Clock.Advance(TimeSpan.Zero);
            var versions = new int[caseIds.Count];
            for (var i = 0; i < caseIds.Count; i++)
            {
                versions[i] = (await Case(caseIds[i]).Get()).Version;
            }

            if (previous is not null && previous.SequenceEqual(versions))
            {
                return;
            }

            previous = versions;
        }

        throw new InvalidOperationException("Cases kept changing with the clock standing still.");
    }

    public ValueTask DisposeAsync() => Silo.DisposeAsync();
}
