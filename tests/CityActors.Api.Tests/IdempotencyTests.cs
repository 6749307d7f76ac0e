namespace CityActors.Api.Tests;

[Collection(ApiHost.Collection)]
public sealed class IdempotencyTests(ApiHost api)
{
    [Fact]
    public async Task A_command_retried_with_its_idempotency_key_is_answered_again_not_applied_twice()
    {
        var (hotline, leader) = (await api.TokenAsync("hl", "channelSystem", "Hotline"), await api.TokenAsync("leader-i", "centreLeader", "nyc"));
        await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, CaseLifecycleOverHttpTests.Report("idem-1"));

        var first = await SendAsync("/api/v1/cases/hl-idem-1/verify", leader, """{"note":"seen"}""", "verify-idem-1");
        var retry = await SendAsync("/api/v1/cases/hl-idem-1/verify", leader, """{"note":"seen"}""", "verify-idem-1");
        var withoutKey = await api.SendAsync(HttpMethod.Post, "/api/v1/cases/hl-idem-1/verify", leader, """{"note":"seen"}""");

        first.Status.ShouldBe(200);
        retry.Status.ShouldBe(200);
        retry.Body.GetProperty("version").GetInt32().ShouldBe(first.Body.GetProperty("version").GetInt32());
        withoutKey.Status.ShouldBe(409, "without the key the second verify is a new request, refused by the case");
        var history = await api.SendAsync(HttpMethod.Get, "/api/v1/cases/hl-idem-1/history", leader);
        history.Body.EnumerateArray().Count(e => e.GetProperty("$event").GetString() == "verified").ShouldBe(1);
    }

    [Fact]
    public async Task A_refusal_is_repeated_for_the_same_key_and_a_key_reused_for_another_request_is_a_422()
    {
        var (hotline, leader) = (await api.TokenAsync("hl", "channelSystem", "Hotline"), await api.TokenAsync("leader-j", "centreLeader", "nyc"));
        await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, CaseLifecycleOverHttpTests.Report("idem-2"));

        var refused = await SendAsync("/api/v1/cases/hl-idem-2/inspect", leader, """{"passed":true}""", "k-2");
        var again = await SendAsync("/api/v1/cases/hl-idem-2/inspect", leader, """{"passed":true}""", "k-2");
        var reused = await SendAsync("/api/v1/cases/hl-idem-2/verify", leader, "{}", "k-2");
        var bad = await SendAsync("/api/v1/cases/hl-idem-2/verify", leader, "{}", new string('x', 300));

        refused.Status.ShouldBe(409);
        again.Status.ShouldBe(409);
        again.Body.GetProperty("detail").GetString().ShouldBe(refused.Body.GetProperty("detail").GetString());
        reused.Status.ShouldBe(422);
        reused.Body.GetProperty("type").GetString().ShouldBe("https://cityactors.org/problems/idempotency-key-reused");
        bad.Status.ShouldBe(400);
    }

    private async Task<(int Status, System.Text.Json.JsonElement Body)> SendAsync(string path, string token, string json, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        using var response = await api.Http.SendAsync(request);
        return ((int)response.StatusCode, System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}
