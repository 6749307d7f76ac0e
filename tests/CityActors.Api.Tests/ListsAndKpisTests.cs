using System.Text.Json;
using CityActors.Testing;

namespace CityActors.Api.Tests;

/// <summary>Lists, work queues and KPIs over HTTP, each limited to the caller's part of the city.</summary>
[Collection(ApiHost.Collection)]
public sealed class ListsAndKpisTests(ApiHost api)
{
    private const string Problems = "https://cityactors.org/problems/";

    [Fact]
    public async Task A_street_centre_lists_its_own_cases_pages_through_them_and_may_not_look_at_another_street()
    {
        var hotline = await api.TokenAsync("hl", "channelSystem", "Hotline");
        var cityLeader = await api.TokenAsync("city-leader", "centreLeader", "nyc");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (_, body, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, CaseLifecycleOverHttpTests.Report($"list-{i}"));
            ids.Add(body.GetProperty("id").GetString()!);
        }

        var street = (await api.SendAsync(HttpMethod.Get, $"/api/v1/cases/{ids[0]}", cityLeader)).Body.GetProperty("place").GetProperty("streetCode").GetString()!;
        var streetOperator = await api.TokenAsync("street-op", "centreOperator", street);
        await Eventually.Until(async () => Ids(await api.SendAsync(HttpMethod.Get, "/api/v1/cases?limit=1000", streetOperator)).Intersect(ids).Count() == 3);

        var first = await api.SendAsync(HttpMethod.Get, "/api/v1/cases?status=reported&limit=2", streetOperator);
        var next = first.Body.GetProperty("next").GetString()!;
        var second = await api.SendAsync(HttpMethod.Get, $"/api/v1/cases?status=reported&limit=2&after={Uri.EscapeDataString(next)}", streetOperator);

        first.Status.ShouldBe(200);
        Ids(first).Count.ShouldBe(2);
        Ids(second).ShouldNotBeEmpty();
        Ids(first).Intersect(Ids(second)).ShouldBeEmpty();
        first.Body.GetProperty("cases").EnumerateArray().ShouldAllBe(c => c.GetProperty("place").GetProperty("streetCode").GetString() == street);

        var elsewhere = await api.SendAsync(HttpMethod.Get, "/api/v1/cases?orgUnit=nyc.5", streetOperator);
        elsewhere.Status.ShouldBe(403);
        elsewhere.Body.GetProperty("type").GetString().ShouldBe(Problems + "forbidden");
    }

    [Fact]
    public async Task A_department_sees_its_queue_and_its_kpis_and_nothing_of_other_departments()
    {
        var hotline = await api.TokenAsync("hl", "channelSystem", "Hotline");
        var leader = await api.TokenAsync("city-leader", "centreLeader", "nyc");
        await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, CaseLifecycleOverHttpTests.Report("queue-1"));
        await api.SendAsync(HttpMethod.Post, "/api/v1/cases/hl-queue-1/verify", leader, "{}");
        var department = (await api.SendAsync(HttpMethod.Post, "/api/v1/cases/hl-queue-1/accept", leader, "{}")).Body.GetProperty("lead").GetString()!;
        var clerk = await api.TokenAsync("clerk-q", "departmentClerk", department);

        await Eventually.Until(async () => Ids(await api.SendAsync(HttpMethod.Get, "/api/v1/queue?queue=awaitingSignFor", clerk)).Contains("hl-queue-1"));
        var kpis = await api.SendAsync(HttpMethod.Get, "/api/v1/kpis", clerk);
        var someoneElse = (await api.SendAsync(HttpMethod.Get, "/api/v1/departments", clerk)).Body.EnumerateArray()
            .Select(d => d.GetProperty("code").GetString()!).First(d => d != department);
        var other = await api.SendAsync(HttpMethod.Get, $"/api/v1/kpis?department={someoneElse}", clerk);
        var unknown = await api.SendAsync(HttpMethod.Get, "/api/v1/kpis?department=SOMEONE-ELSE", clerk);

        kpis.Status.ShouldBe(200);
        kpis.Body.ValueKind.ShouldBe(JsonValueKind.Object);
        other.Status.ShouldBe(403);
        unknown.Status.ShouldBe(400);
        unknown.Body.GetProperty("detail").GetString()!.ShouldContain("SOMEONE-ELSE");
    }

    [Theory]
    [InlineData("status=sleeping", "status")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=100000", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("bbox=1,2,3", "bbox")]
    [InlineData("bbox=-73,40,-74,41", "bounding box")]
    [InlineData("bbox=200,0,210,10", "bbox")]
    [InlineData("from=yesterday", "from")]
    [InlineData("overdue=maybe", "overdue")]
    [InlineData("after=garbage", "cursor")]
    [InlineData("urgency=7", "urgency")]
    public async Task A_bad_filter_is_a_400_naming_it(string filter, string named)
    {
        var leader = await api.TokenAsync("city-leader", "centreLeader", "nyc");

        var (status, problem, _) = await api.SendAsync(HttpMethod.Get, $"/api/v1/cases?{filter}", leader);

        status.ShouldBe(400);
        problem.GetProperty("type").GetString().ShouldBe(Problems + "invalid");
        problem.GetProperty("detail").GetString()!.ShouldContain(named);
    }

    [Fact]
    public async Task Citizens_and_intake_systems_have_no_lists()
    {
        var citizen = await api.TokenAsync("citizen-1", "citizen");
        var hotline = await api.TokenAsync("hl", "channelSystem", "Hotline");

        (await api.SendAsync(HttpMethod.Get, "/api/v1/cases", citizen)).Status.ShouldBe(403);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/queue", hotline)).Status.ShouldBe(403);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/kpis", citizen)).Status.ShouldBe(403);
    }

    private static List<string> Ids((int Status, JsonElement Body, string ContentType) response) =>
        response.Status != 200 ? []
        : response.Body.ValueKind == JsonValueKind.Array ? [.. response.Body.EnumerateArray().Select(c => c.GetProperty("id").GetString()!)]
        : [.. response.Body.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("id").GetString()!)];
}
