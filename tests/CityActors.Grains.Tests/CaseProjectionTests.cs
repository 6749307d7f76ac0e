using System.Text.Json;
using CityActors.Domain.Cases;
using CityActors.Domain.City;
using CityActors.Grains.Cases;
using CityActors.Journals;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using static CityActors.Grains.Tests.CaseSilo;

namespace CityActors.Grains.Tests;

public sealed class CaseProjectionTests
{
    private static readonly Actor Street = new("op", Role.CentreOperator, "rt.1.01");
    private static readonly Actor Clerk = new("clerk", Role.DepartmentClerk, "rt.1.01.office");

    [Fact]
    public async Task A_projection_rebuilt_from_the_journals_in_small_batches_equals_the_live_one_and_repeated_batches_change_nothing()
    {
        await using var silo = await StartAsync(At(11, 16, 9));
        var ids = await RunCasesAsync(silo);
        await silo.Projector.CatchUpAsync();

        var rebuilt = new MemoryCaseViewStore();
        var services = silo.Services;
        var projector = new CaseProjector(services.GetRequiredService<IJournalFeed>(), rebuilt, silo.Grains, Riverton.Value, NullLogger<CaseProjector>.Instance) { BatchSize = 7 };
        (await projector.CatchUpAsync()).ShouldBeGreaterThan(30);

        // The same batches again, as after a crash between sending queue updates and storing the checkpoint.
        var again = new CaseProjector(services.GetRequiredService<IJournalFeed>(), new RepeatingStore(rebuilt), silo.Grains, Riverton.Value, NullLogger<CaseProjector>.Instance) { BatchSize = 7 };
        (await again.CatchUpAsync()).ShouldBeGreaterThan(30);

        var live = await silo.ReadModel.QueryAsync(new CaseQuery(Limit: 1000), default);
        var fromScratch = await rebuilt.QueryAsync(new CaseQuery(Limit: 1000), default);
        fromScratch.Cases.Select(v => JsonSerializer.Serialize(v)).ShouldBe(live.Cases.Select(v => JsonSerializer.Serialize(v)));
        live.Cases.Count.ShouldBe(ids.Count);
    }

    [Fact]
    public async Task Lists_filter_by_unit_department_status_matter_overdue_time_and_box()
    {
        await using var silo = await StartAsync(At(11, 16, 9));
        var ids = await RunCasesAsync(silo);
        await silo.AdvanceToAsync(At(11, 17, 12));

        await silo.Projector.CatchUpAsync();
        var all = (await silo.ReadModel.QueryAsync(new CaseQuery(Limit: 1000), default)).Cases;
        async Task<IReadOnlyList<string>> Ids(CaseQuery query) => [.. (await silo.ReadModel.QueryAsync(query, default)).Cases.Select(c => c.Id).Order()];
        IReadOnlyList<string> Expect(Func<CaseView, bool> filter) => [.. all.Where(filter).Select(c => c.Id).Order()];

        (await Ids(new CaseQuery(OrgUnit: "rt.2.02"))).ShouldBe(Expect(v => v.Place.StreetCode == "rt.2.02"));
        (await Ids(new CaseQuery(Department: "rt.1.01.office"))).ShouldBe(Expect(v => v.DispatchedTo.Contains("rt.1.01.office")));
        (await Ids(new CaseQuery(Statuses: [CaseStatus.Closed, CaseStatus.Rejected]))).ShouldBe(Expect(v => v.Status is CaseStatus.Closed or CaseStatus.Rejected));
        (await Ids(new CaseQuery(MatterCode: "0101"))).ShouldBe(Expect(v => v.MatterCode == "0101"));
        var overdue = await Ids(new CaseQuery(Overdue: true));
        overdue.ShouldNotBeEmpty();
        overdue.ShouldBe(Expect(v => v.Overdue));
        (await Ids(new CaseQuery(ReportedFrom: At(11, 16, 9, 30), ReportedTo: At(11, 16, 10)))).ShouldBe(Expect(v => v.ReportedAt >= At(11, 16, 9, 30) && v.ReportedAt < At(11, 16, 10)));
        (await Ids(new CaseQuery(Box: new BoundingBox(121.43, 31.21, 121.45, 31.23)))).ShouldBe(Expect(v => v.Place.StreetCode == "rt.2.02"));
        Should.Throw<ArgumentException>(() => silo.ReadModel.QueryAsync(new CaseQuery(Limit: 0), default)).Message.ShouldBe("Limit must be 1–1000; it is 0.");
    }

    /// <summary>Cases in several states, two streets and two matters, reported a few minutes apart.</summary>
    private static async Task<List<string>> RunCasesAsync(CaseSilo silo)
    {
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            silo.Clock.Advance(TimeSpan.FromMinutes(7));
            var harbour = i % 3 == 0;
            var view = await silo.ReportAsync($"p{i}", i % 2 == 0 ? "0501" : "0101", harbour ? ReportedLocation.At(121.4399 - (i * 0.0004), 31.2199) : SouthBank);
            ids.Add(view.Id);
            if (harbour)
            {
                continue;
            }

            var grain = silo.Case(view.Id);
            await grain.Execute(new VerifyCase(Street));
            var accepted = await grain.Execute(new AcceptCase(Street));
            if (i % 4 == 1)
            {
                continue;
            }

            var clerk = Clerk with { Org = accepted.Lead };
            await grain.Execute(new SignFor(clerk, accepted.Lead!));
            if (i % 4 == 2)
            {
                await grain.Execute(new ReportHandled(clerk, accepted.Lead!, "done"));
                await grain.Execute(new InspectCase(Street, true));
            }
        }

        return ids;
    }

    /// <summary>
    /// The stored states of <paramref name="inner"/> with a checkpoint of its own that starts at the beginning: the
    /// projector re-reads every event already folded into the states, as after a crash before a checkpoint was stored.
    /// </summary>
    private sealed class RepeatingStore(MemoryCaseViewStore inner) : ICaseProjectionStore
    {
        private FeedPosition _checkpoint = FeedPosition.Start;

        public Task<FeedPosition> ReadCheckpointAsync(CancellationToken cancellationToken) => Task.FromResult(_checkpoint);

        public Task<bool> TryLeadAsync(string projector, TimeSpan lease, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task ReleaseLeadAsync(string projector, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyDictionary<string, CaseState>> LoadAsync(IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken) => inner.LoadAsync(caseIds, cancellationToken);

        public async Task SaveAsync(IReadOnlyCollection<ProjectedCase> cases, FeedPosition expected, FeedPosition checkpoint, CancellationToken cancellationToken)
        {
            var stored = await inner.ReadCheckpointAsync(cancellationToken);
            await inner.SaveAsync(cases, stored, stored, cancellationToken);
            _checkpoint = checkpoint;
        }

    }
}
