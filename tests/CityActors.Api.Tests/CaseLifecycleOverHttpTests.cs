using System.Text.Json;

namespace CityActors.Api.Tests;

[Collection(ApiHost.Collection)]
public sealed class CaseLifecycleOverHttpTests(ApiHost api)
{
    [Fact]
    public async Task A_hotline_report_goes_from_intake_to_closure_over_http_acting_as_the_token_holders()
    {
        var hotline = await api.TokenAsync("hotline-gateway", "channelSystem", "Hotline");
        var leader = await api.TokenAsync("leader-1", "centreLeader", "nyc");

        // A body that tries to act as someone else is read without its "by".
        var (status, reported, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, Report("life-1", by: """{"id":"forged","role":"system"}"""));
        status.ShouldBe(201);
        var id = reported.GetProperty("id").GetString()!;
        id.ShouldBe("hl-life-1");
        reported.GetProperty("status").GetString().ShouldBe("reported");

        (await api.SendAsync(HttpMethod.Post, $"/api/v1/cases/{id}/verify", leader, """{"note":"seen on site","by":{"id":"forged","role":"system"}}""")).Status.ShouldBe(200);
        var (_, accepted, _) = await api.SendAsync(HttpMethod.Post, $"/api/v1/cases/{id}/accept", leader, null);
        var department = accepted.GetProperty("lead").GetString()!;
        department.ShouldNotBeNullOrEmpty();
        var clerk = await api.TokenAsync("clerk-1", "departmentClerk", department);
        (await api.SendAsync(HttpMethod.Post, $"/api/v1/cases/{id}/sign-for", clerk, $$"""{"department":"{{department}}"}""")).Status.ShouldBe(200);
        (await api.SendAsync(HttpMethod.Post, $"/api/v1/cases/{id}/report-handled", clerk, $$"""{"department":"{{department}}","feedback":"fixed"}""")).Status.ShouldBe(200);
        var (inspected, closed, _) = await api.SendAsync(HttpMethod.Post, $"/api/v1/cases/{id}/inspect", leader, """{"passed":true}""");

        inspected.ShouldBe(200);
        closed.GetProperty("status").GetString().ShouldBe("closed");
        (await api.SendAsync(HttpMethod.Get, $"/api/v1/cases/{id}", clerk)).Body.GetProperty("status").GetString().ShouldBe("closed");
        var (_, history, _) = await api.SendAsync(HttpMethod.Get, $"/api/v1/cases/{id}/history", leader);
        var actors = history.EnumerateArray().Select(e => e.GetProperty("meta").GetProperty("by").GetProperty("id").GetString()).ToList();
        actors.ShouldNotContain("forged");
        actors.ShouldContain("hotline-gateway");
        actors.ShouldContain("leader-1");
        actors.ShouldContain("clerk-1");
    }

    [Fact]
    public async Task The_same_report_sent_twice_is_one_case()
    {
        var hotline = await api.TokenAsync("hotline-gateway", "channelSystem", "Hotline");

        var first = await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, Report("twice-1"));
        var second = await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, Report("twice-1"));

        second.Body.GetProperty("id").GetString().ShouldBe(first.Body.GetProperty("id").GetString());
        second.Body.GetProperty("version").GetInt32().ShouldBe(first.Body.GetProperty("version").GetInt32());
    }

    internal static string Report(string externalId, string? by = null) =>
        $$"""{"channel":"hotline","externalId":"{{externalId}}","matterCode":"NYC001","description":"Noise at night","location":{"longitude":-73.993,"latitude":40.75}{{(by is null ? "" : $",\"by\":{by}")}}}""";
}
