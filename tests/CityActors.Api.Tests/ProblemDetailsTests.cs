namespace CityActors.Api.Tests;

/// <summary>Every kind of error is an RFC 9457 problem with a stable type, never a 5xx.</summary>
[Collection(ApiHost.Collection)]
public sealed class ProblemDetailsTests(ApiHost api)
{
    private const string Problems = "https://cityactors.org/problems/";

    [Fact]
    public async Task A_command_the_case_is_not_ready_for_is_a_409_naming_state_and_command()
    {
        var (hotline, leader) = (await api.TokenAsync("hl", "channelSystem", "Hotline"), await api.TokenAsync("leader-2", "centreLeader", "nyc"));
        await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, CaseLifecycleOverHttpTests.Report("p-409"));

        var (status, problem, type) = await api.SendAsync(HttpMethod.Post, "/api/v1/cases/hl-p-409/inspect", leader, """{"passed":true}""");

        status.ShouldBe(409);
        type.ShouldBe("application/problem+json");
        problem.GetProperty("type").GetString().ShouldBe(Problems + "refused-transition");
        problem.GetProperty("detail").GetString()!.ShouldContain("Reported");
        problem.GetProperty("command").GetString().ShouldBe("inspect");
        problem.GetProperty("caseId").GetString().ShouldBe("hl-p-409");
    }

    [Fact]
    public async Task A_role_that_may_not_act_gets_403()
    {
        var hotline = await api.TokenAsync("hl", "channelSystem", "Hotline");
        var citizen = await api.TokenAsync("citizen-9", "citizen");
        await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, CaseLifecycleOverHttpTests.Report("p-403"));

        var (status, problem, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/cases/hl-p-403/verify", citizen, "{}");

        status.ShouldBe(403);
        problem.GetProperty("type").GetString().ShouldBe(Problems + "forbidden");
    }

    [Theory]
    [InlineData("{bad json", "malformed-body")]
    [InlineData("[1,2]", "malformed-body")]
    [InlineData("""{"passed":"yes"}""", "malformed-body")]
    [InlineData("""{"note":"no verdict"}""", "malformed-body")]
    [InlineData("""{"passed":null}""", "malformed-body")]
    public async Task A_body_that_cannot_be_read_is_a_400(string body, string kind)
    {
        var leader = await api.TokenAsync("leader-3", "centreLeader", "nyc");

        var (status, problem, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/cases/hl-any/inspect", leader, body);

        status.ShouldBe(400);
        problem.GetProperty("type").GetString().ShouldBe(Problems + kind);
    }

    [Theory]
    [InlineData("""{"channel":"hotline","externalId":"x"}""", "malformed-body")]
    [InlineData("""{"channel":"pigeon","externalId":"x","matterCode":"NYC001","description":"d","location":{"longitude":-73.99,"latitude":40.75}}""", "malformed-body")]
    [InlineData("""{"channel":"hotline","externalId":"bad id!","matterCode":"NYC001","description":"d","location":{"longitude":-73.99,"latitude":40.75}}""", "invalid")]
    [InlineData("""{"channel":"hotline","externalId":"far-away","matterCode":"NYC001","description":"d","location":{"longitude":2.35,"latitude":48.85}}""", "invalid")]
    [InlineData("""{"channel":"hotline","externalId":"no-matter","matterCode":"NOPE","description":"d","location":{"longitude":-73.99,"latitude":40.75}}""", "invalid")]
    [InlineData("""{"channel":"hotline","externalId":"nowhere","matterCode":"NYC001","description":"d","location":{"longitude":1e999,"latitude":40.75}}""", "invalid")]
    public async Task An_invalid_report_is_a_400_problem(string body, string kind)
    {
        var hotline = await api.TokenAsync("hl", "channelSystem", "Hotline");

        var (status, problem, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, body);

        status.ShouldBe(400);
        problem.GetProperty("type").GetString().ShouldBe(Problems + kind);
        problem.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task A_required_field_missing_from_a_command_is_a_400_not_a_crash()
    {
        var (hotline, leader) = (await api.TokenAsync("hl", "channelSystem", "Hotline"), await api.TokenAsync("leader-5", "centreLeader", "nyc"));
        await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, CaseLifecycleOverHttpTests.Report("p-reject"));

        var missing = await api.SendAsync(HttpMethod.Post, "/api/v1/cases/hl-p-reject/reject", leader, "{}");
        var nullReason = await api.SendAsync(HttpMethod.Post, "/api/v1/cases/hl-p-reject/reject", leader, """{"reason":null}""");
        var rejected = await api.SendAsync(HttpMethod.Post, "/api/v1/cases/hl-p-reject/reject", leader, """{"reason":"not in our city's remit"}""");

        missing.Status.ShouldBe(400);
        missing.Body.GetProperty("detail").GetString()!.ShouldContain("reason");
        nullReason.Status.ShouldBe(400);
        rejected.Status.ShouldBe(200);
        rejected.Body.GetProperty("status").GetString().ShouldBe("rejected");
    }

    [Fact]
    public async Task Unknown_cases_and_cases_outside_the_callers_scope_look_the_same()
    {
        var hotline = await api.TokenAsync("hl", "channelSystem", "Hotline");
        var stranger = await api.TokenAsync("clerk-x", "departmentClerk", "NOT-A-DEPARTMENT");
        await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, CaseLifecycleOverHttpTests.Report("p-scope"));

        var unknown = await api.SendAsync(HttpMethod.Get, "/api/v1/cases/hl-never-reported", stranger);
        var hidden = await api.SendAsync(HttpMethod.Get, "/api/v1/cases/hl-p-scope", stranger);
        var hiddenHistory = await api.SendAsync(HttpMethod.Get, "/api/v1/cases/hl-p-scope/history", stranger);

        unknown.Status.ShouldBe(404);
        hidden.Status.ShouldBe(404);
        hiddenHistory.Status.ShouldBe(404);
        hidden.Body.GetProperty("type").GetString().ShouldBe(Problems + "not-found");
    }

    [Fact]
    public async Task Unknown_and_system_commands_are_not_routes()
    {
        var leader = await api.TokenAsync("leader-4", "centreLeader", "nyc");

        (await api.SendAsync(HttpMethod.Post, "/api/v1/cases/hl-any/timer-due", leader, "{}")).Status.ShouldBe(404);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/cases/hl-any/link-reporter", leader, "{}")).Status.ShouldBe(404);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/cases/hl-any/launch-rocket", leader, "{}")).Body.GetProperty("type").GetString().ShouldBe(Problems + "not-found");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")]
    public async Task Without_a_valid_token_every_case_endpoint_is_401(string? token)
    {
        (await api.SendAsync(HttpMethod.Get, "/api/v1/cases/hl-any", token)).Status.ShouldBe(401);
        var (status, problem, type) = await api.SendAsync(HttpMethod.Post, "/api/v1/cases", token, CaseLifecycleOverHttpTests.Report("anon"));
        status.ShouldBe(401);
        type.ShouldBe("application/problem+json");
        problem.GetProperty("status").GetInt32().ShouldBe(401);
    }

    [Fact]
    public async Task A_development_token_needs_an_id_and_a_role()
    {
        (await api.SendAsync(HttpMethod.Post, "/api/v1/dev/tokens", null, """{"role":"citizen"}""")).Status.ShouldBe(400);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/dev/tokens", null, """{"id":"x","role":"system"}""")).Status.ShouldBe(400);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/dev/tokens", null, """{"id":"x","role":"emperor"}""")).Status.ShouldBe(400);
    }
}
