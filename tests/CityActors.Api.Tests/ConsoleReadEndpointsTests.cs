using System.Text.Json;
using CityActors.Testing;

namespace CityActors.Api.Tests;

/// <summary>The read endpoints the operations console draws from: map layers and counts, a case's actions and clocks, paged work queues.</summary>
[Collection(ApiHost.Collection)]
public sealed class ConsoleReadEndpointsTests(ApiHost api)
{
    [Fact]
    public async Task Map_layers_are_compact_geojson_of_one_level_within_a_unit()
    {
        var token = await api.TokenAsync("map-reader", "centreOperator", "nyc.1.105");

        var (status, districts, type) = await api.SendAsync(HttpMethod.Get, "/api/v1/map/district", token);
        var (_, streets, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/map/street?within=nyc.1", token);
        var (_, cells, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/map/grid?within=nyc.1.105", token);

        status.ShouldBe(200);
        type.ShouldBe("application/geo+json");
        districts.GetProperty("type").GetString().ShouldBe("FeatureCollection");
        Ids(districts).ShouldBe(["nyc.1", "nyc.2", "nyc.3", "nyc.4", "nyc.5"]);
        Ids(streets).ShouldAllBe(id => id.StartsWith("nyc.1.", StringComparison.Ordinal));
        Ids(streets).ShouldContain("nyc.1.105");
        Ids(cells).Count.ShouldBeGreaterThan(10);
        Ids(cells).ShouldAllBe(id => id.StartsWith("nyc.1.105.", StringComparison.Ordinal) && id.Split('.').Length == 5);
        var ring = districts.GetProperty("features")[0].GetProperty("geometry").GetProperty("coordinates");
        ring.ValueKind.ShouldBe(JsonValueKind.Array);
    }

    [Fact]
    public async Task Map_layers_refuse_what_they_cannot_draw()
    {
        var token = await api.TokenAsync("map-reader", "centreOperator", "nyc");

        var (cityGrid, problem, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/map/grid?within=nyc", token);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/map/city", token)).Status.ShouldBe(400);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/map/3", token)).Status.ShouldBe(400);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/map/district?within=nyc.1.105", token)).Status.ShouldBe(400);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/map/street?within=atlantis", token)).Status.ShouldBe(404);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/map/district", null)).Status.ShouldBe(401);

        cityGrid.ShouldBe(400);
        problem.GetProperty("detail").GetString()!.ShouldContain("Grid cells are drawn within a street");
    }

    [Fact]
    public async Task Map_counts_give_open_warned_and_overdue_cases_per_unit_within_the_callers_scope()
    {
        var hotline = await api.TokenAsync("hotline-gateway", "channelSystem", "Hotline");
        var street = await api.TokenAsync("map-counts", "centreOperator", "nyc.1.105");
        var (reported, _, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, CaseLifecycleOverHttpTests.Report("map-count-1"));
        reported.ShouldBe(201);

        var counts = await Eventually.Value(
            async () => (await api.SendAsync(HttpMethod.Get, "/api/v1/map/community/counts", street)).Body,
            body => body.GetProperty("units").EnumerateArray().Any(u => u.GetProperty("open").GetInt32() > 0));

        counts.GetProperty("within").GetString().ShouldBe("nyc.1.105");
        counts.GetProperty("level").GetString().ShouldBe("community");
        var units = counts.GetProperty("units").EnumerateArray().ToList();
        units.ShouldAllBe(u => u.GetProperty("code").GetString()!.StartsWith("nyc.1.105.", StringComparison.Ordinal));
        units.ShouldAllBe(u => u.GetProperty("warned").GetInt32() <= u.GetProperty("open").GetInt32() && u.GetProperty("overdue").GetInt32() >= 0);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/map/street/counts?within=nyc.1", street)).Status.ShouldBe(403);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/map/district/counts", street)).Status.ShouldBe(400);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/map/street/counts", hotline)).Status.ShouldBe(403);
    }

    [Fact]
    public async Task A_cases_actions_are_what_its_rules_let_the_caller_do_now_with_its_clocks()
    {
        var hotline = await api.TokenAsync("hotline-gateway", "channelSystem", "Hotline");
        var operatorToken = await api.TokenAsync("actions-op", "centreOperator", "nyc.1.105");
        var leader = await api.TokenAsync("actions-leader", "centreLeader", "nyc.1");
        var elsewhere = await api.TokenAsync("actions-far", "centreOperator", "nyc.3.301");
        var (_, view, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, CaseLifecycleOverHttpTests.Report("actions-1"));
        var id = view.GetProperty("id").GetString()!;

        var (status, sheet, _) = await api.SendAsync(HttpMethod.Get, $"/api/v1/cases/{id}/actions", operatorToken);
        var leaderCommands = Commands((await api.SendAsync(HttpMethod.Get, $"/api/v1/cases/{id}/actions", leader)).Body);

        status.ShouldBe(200);
        sheet.GetProperty("caseId").GetString().ShouldBe(id);
        Commands(sheet).ShouldBe(["verify", "reject", "merge"]);
        leaderCommands.ShouldBe(["verify", "reject", "merge", "supervise"]);
        var clock = sheet.GetProperty("clocks")[0];
        clock.GetProperty("key").GetString().ShouldBe("verify");
        clock.GetProperty("phase").GetString().ShouldBe("running");
        TimeSpan.Parse(clock.GetProperty("remaining").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(TimeSpan.Zero);

        // What the sheet offers is what the command endpoint accepts: verify, then verify again is refused and no longer offered.
        (await api.SendAsync(HttpMethod.Post, $"/api/v1/cases/{id}/verify", operatorToken, "{}")).Status.ShouldBe(200);
        Commands((await api.SendAsync(HttpMethod.Get, $"/api/v1/cases/{id}/actions", operatorToken)).Body).ShouldBe(["accept"]);
        (await api.SendAsync(HttpMethod.Post, $"/api/v1/cases/{id}/verify", operatorToken, "{}")).Status.ShouldBe(409);

        // Outside the caller's scope the case does not exist.
        (await api.SendAsync(HttpMethod.Get, $"/api/v1/cases/{id}/actions", elsewhere)).Status.ShouldBe(404);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/cases/hl-no-such-case/actions", operatorToken)).Status.ShouldBe(404);
    }

    [Fact]
    public async Task Work_queues_come_with_counts_soonest_deadline_first_a_page_at_a_time()
    {
        var hotline = await api.TokenAsync("hotline-gateway", "channelSystem", "Hotline");
        var centre = await api.TokenAsync("queues-op", "centreOperator", "nyc.2.201");
        foreach (var n in Enumerable.Range(0, 5))
        {
            (await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, $$"""{"channel":"hotline","externalId":"queue-page-{{n}}","matterCode":"NYC00{{n + 1}}","description":"Queue paging","location":{"longitude":-73.9135,"latitude":40.8085} }""")).Status.ShouldBe(201);
        }

        var first = await Eventually.Value(
            async () => (await api.SendAsync(HttpMethod.Get, "/api/v1/queues?queue=awaitingVerification&limit=2", centre)).Body,
            body => body.GetProperty("counts").GetProperty("awaitingVerification").GetInt32() >= 5);
        var seen = Ids(first.GetProperty("cases"));
        var next = first.GetProperty("next").GetString();
        while (next is not null)
        {
            var page = (await api.SendAsync(HttpMethod.Get, $"/api/v1/queues?queue=awaitingVerification&limit=2&after={next}", centre)).Body;
            seen.AddRange(Ids(page.GetProperty("cases")));
            next = page.GetProperty("next").GetString();
        }

        first.GetProperty("owner").GetProperty("code").GetString().ShouldBe("nyc.2.201");
        Ids(first.GetProperty("cases")).Count.ShouldBe(2);
        seen.Count.ShouldBe(first.GetProperty("counts").GetProperty("awaitingVerification").GetInt32());
        seen.Distinct().Count().ShouldBe(seen.Count);
        var whole = (await api.SendAsync(HttpMethod.Get, "/api/v1/queue?queue=awaitingVerification", centre)).Body;
        seen.ShouldBe(Ids(whole)); // the same order as the whole queue: soonest next SLA point first
        (await api.SendAsync(HttpMethod.Get, "/api/v1/queues?after=not-a-cursor", centre)).Status.ShouldBe(400);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/queues?limit=0", centre)).Status.ShouldBe(400);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/queues?queue=lunch", centre)).Status.ShouldBe(400);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/queues", hotline)).Status.ShouldBe(403);
    }

    private static List<string> Ids(JsonElement collection) =>
        [.. (collection.ValueKind == JsonValueKind.Array ? collection : collection.GetProperty("features")).EnumerateArray().Select(f => f.GetProperty("id").GetString()!)];

    private static List<string> Commands(JsonElement sheet) => [.. sheet.GetProperty("commands").EnumerateArray().Select(c => c.GetString()!)];
}
