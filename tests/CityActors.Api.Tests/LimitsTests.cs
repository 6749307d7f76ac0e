using System.Net;

namespace CityActors.Api.Tests;

/// <summary>Size and rate limits answer with problems (413, 429); configured browser origins may call the API.</summary>
[Collection(ApiHost.Collection)]
public sealed class LimitsTests(ApiHost api)
{
    [Fact]
    public async Task A_body_over_the_size_limit_is_a_413_problem()
    {
        var hotline = await api.TokenAsync("hl", "channelSystem", "Hotline");
        var huge = CaseLifecycleOverHttpTests.Report("huge").Replace("Noise at night", new string('n', 2 * 1024 * 1024), StringComparison.Ordinal);

        var (status, problem, type) = await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, huge);

        status.ShouldBe(413);
        type.ShouldBe("application/problem+json");
        problem.GetProperty("type").GetString().ShouldBe("https://cityactors.org/problems/too-large");
    }

    [Fact]
    public async Task A_client_over_its_rate_gets_429_with_retry_after_and_other_clients_do_not()
    {
        await using var limited = ApiHost.With("--CityActors:Api:RateLimit:PermitsPerSecond", "3", "--CityActors:Api:RateLimit:Burst", "3");
        await limited.InitializeAsync();
        var busy = await limited.TokenAsync("busy", "centreLeader", "nyc");
        var calm = await limited.TokenAsync("calm", "centreLeader", "nyc");

        var statuses = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await limited.SendAsync(HttpMethod.Get, "/api/v1/cases/hl-none", busy)).Status);
        }

        statuses.ShouldContain(429);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/cases/hl-none");
        request.Headers.Authorization = new("Bearer", busy);
        using var refused = await limited.Http.SendAsync(request);
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();
        (await refused.Content.ReadAsStringAsync()).ShouldContain("too-many-requests");
        (await limited.SendAsync(HttpMethod.Get, "/api/v1/cases/hl-none", calm)).Status.ShouldBe(404);
    }

    [Fact]
    public async Task Configured_origins_pass_the_browser_preflight_and_others_do_not()
    {
        await using var host = ApiHost.With("--CityActors:Api:Cors:Origins:0", "https://console.example");
        await host.InitializeAsync();

        using var allowed = await PreflightAsync(host, "https://console.example");
        using var other = await PreflightAsync(host, "https://evil.example");

        allowed.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe(["https://console.example"]);
        other.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    private static async Task<HttpResponseMessage> PreflightAsync(ApiHost host, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/cases");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return await host.Http.SendAsync(request);
    }
}
