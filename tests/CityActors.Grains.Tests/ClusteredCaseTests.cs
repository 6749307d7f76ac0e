using System.Text.Json;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;
using CityActors.GrainInterfaces.City;
using CityActors.Grains.Cases;
using CityActors.Grains.PostgreSql;
using CityActors.Testing;
using Microsoft.Extensions.DependencyInjection;
using static CityActors.Grains.Tests.CaseSilo;

namespace CityActors.Grains.Tests;

/// <summary>Cases on a two-silo cluster over real PostgreSQL: journals, reminders and the read model all in the database.</summary>
public sealed class ClusteredCaseTests
{
    private static readonly Actor Street = new("op", Role.CentreOperator, "rt.1.01");
    private static readonly Actor Clerk = new("clerk", Role.DepartmentClerk, "rt.1.01.office");

    [Fact]
    public async Task Cases_run_unchanged_on_a_cluster_and_the_read_model_in_postgresql_matches_the_grains()
    {
        await using var cluster = await TestCluster.StartAsync(2, silo => silo
            .AddGrains(typeof(CaseGrain).Assembly)
            .AddCases()
            .UsePostgreSqlCaseViews()
            .Services.AddSingleton(Riverton.Value));
        await cluster.WaitForStableAsync();
        await using var client = await cluster.ConnectClientAsync();

        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var view = await client.GetGrain<ICaseGrain>($"hl-c{i}").Execute(new ReportCase(Hotline, new CaseReport(Channel.Hotline, $"c{i}", "0501", "暴露垃圾", SouthBank, new Reporter(CitizenId: "citizen-1"))));
            ids.Add(view.Id);
            var grain = client.GetGrain<ICaseGrain>(view.Id);
            if (i % 4 == 0)
            {
                await grain.Execute(new RejectCase(Street, "重复来电"));
                continue;
            }

            await grain.Execute(new VerifyCase(Street));
            await grain.Execute(new AcceptCase(Street));
            if (i % 4 == 1)
            {
                await grain.Execute(new ReturnCase(Clerk, "rt.1.01.office", "非本单位"));
                continue;
            }

            await grain.Execute(new SignFor(Clerk, "rt.1.01.office"));
            if (i % 4 == 2)
            {
                continue;
            }

            await grain.Execute(new ReportHandled(Clerk, "rt.1.01.office", "已清运"));
            await grain.Execute(new InspectCase(Street, true));
            await grain.Execute(new EvaluateCase(Street, 4));
        }

        // A graceful stop moves half the cases to the other silo, which replays their journals from PostgreSQL.
        await cluster.StopSiloAsync(cluster.Silos[0]);
        await cluster.WaitForStableAsync();
        var views = new List<CaseView>();
        foreach (var id in ids)
        {
            views.Add(await client.GetGrain<ICaseGrain>(id).Get());
        }

        views.Count(v => v.Status == CaseStatus.Closed).ShouldBe(3);
        var store = cluster.Silos[0].Services.GetRequiredService<ICaseViewStore>();
        store.ShouldBeOfType<PostgresCaseViewStore>();
        await Eventually.Until(async () =>
        {
            var page = await store.QueryAsync(new CaseQuery(OrgUnit: "rt.1.01", Limit: 100), default);
            return page.Cases.Count == ids.Count && page.Cases.All(c => c.Version == views.Single(v => v.Id == c.Id).Version);
        });

        var stored = (await store.QueryAsync(new CaseQuery(OrgUnit: "rt.1", Limit: 5), default));
        stored.Next.ShouldNotBeNull();
        var rest = await store.QueryAsync(new CaseQuery(OrgUnit: "rt.1", Limit: 100, After: stored.Next), default);
        stored.Cases.Concat(rest.Cases).Select(c => JsonSerializer.Serialize(c)).Order()
            .ShouldBe(views.Select(v => JsonSerializer.Serialize(v)).Order());

        var from = views.Min(v => v.ReportedAt);
        var kpis = await store.KpisAsync(KpiScope.WholeCity, from, from.AddDays(1), default);
        var expected = CaseKpis.Compute(views, KpiScope.WholeCity);
        (kpis with { TotalHandlingHours = 0 }).ShouldBe(expected with { TotalHandlingHours = 0 });
        kpis.TotalHandlingHours.ShouldBe(expected.TotalHandlingHours, 1e-6);
        (await store.KpisAsync(new KpiScope(Department: "rt.1.01.office"), from, from.AddDays(1), default)).Returned.ShouldBe(3);
        (await store.QueryAsync(new CaseQuery(Statuses: [CaseStatus.Handling]), default)).Cases.Count.ShouldBe(3);

        await Eventually.Until(async () => (await client.GetGrain<IDepartmentGrain>("rt.1.01.office").GetQueue(WorkQueue.InHandling)).Count == 3);
        (await client.GetGrain<IOpsCenterGrain>("rt.1.01").GetQueue(WorkQueue.AwaitingDispatch)).Select(c => c.CaseId).Order()
            .ShouldBe(views.Where(v => v.Status == CaseStatus.Accepted).Select(v => v.Id).Order());
    }
}
