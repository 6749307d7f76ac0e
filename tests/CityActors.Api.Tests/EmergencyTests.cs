using System.Text.Json;

namespace CityActors.Api.Tests;

/// <summary>平战切换 over real HTTP: a centre leader switches their area's emergency profile on and off.</summary>
[Collection(ApiHost.Collection)]
public sealed class EmergencyTests(ApiHost api)
{
    /// <summary>Staten Island's first street, which no other test reports in.</summary>
    private const string Street = "nyc.5.501";
    private const string Centre = "nyc.5.501.ops";

    [Fact]
    public async Task The_citys_profiles_are_listed_for_any_caller()
    {
        var citizen = await api.TokenAsync("citizen-e", "citizen");

        var (status, profiles, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/emergency/profiles", citizen);

        status.ShouldBe(200);
        profiles.EnumerateArray().Select(p => p.GetProperty("code").GetString()).ShouldBe(["flood", "major-event"]);
        profiles[0].GetProperty("thresholds").GetArrayLength().ShouldBeGreaterThan(0);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/emergency/profiles", null)).Status.ShouldBe(401);
    }

    [Fact]
    public async Task The_centres_leader_switches_the_area_on_and_off_and_vital_signs_and_the_board_follow()
    {
        var leader = await api.TokenAsync("si-leader", "centreLeader", Street);
        var operatorToken = await api.TokenAsync("si-op", "centreOperator", Street);
        var otherLeader = await api.TokenAsync("si-other-leader", "centreLeader", "nyc.5.502");
        var grid = await api.TokenAsync("si-inspector", "gridInspector", Street + ".no-community.0001");
        try
        {
            (await SwitchOnAsync(operatorToken, "flood", "storm surge")).Status.ShouldBe(403);
            (await SwitchOnAsync(otherLeader, "flood", "storm surge")).Status.ShouldBe(403);
            var (noReason, noReasonProblem, _) = await api.SendAsync(HttpMethod.Post, $"/api/v1/emergency/{Centre}/switch-on", leader, """{"profile":"flood"}""");
            noReason.ShouldBe(400, SensorApi.Problem(noReasonProblem));
            noReasonProblem.GetProperty("centreCode").GetString().ShouldBe(Centre);
            (await SwitchOnAsync(leader, "drought", "dry")).Status.ShouldBe(400);
            (await api.SendAsync(HttpMethod.Post, "/api/v1/emergency/nyc.9.ops/switch-on", leader, """{"profile":"flood","reason":"r"}""")).Status.ShouldBe(404);
            (await api.SendAsync(HttpMethod.Post, $"/api/v1/emergency/{Centre}/switch-off", leader, """{"reason":"calm"}""")).Status.ShouldBe(409, "not on");

            var (on, entry, _) = await SwitchOnAsync(leader, "flood", "storm surge");
            on.ShouldBe(200, SensorApi.Problem(entry));
            entry.GetProperty("profileCode").GetString().ShouldBe("flood");
            entry.GetProperty("by").GetProperty("id").GetString().ShouldBe("si-leader");
            (await SwitchOnAsync(leader, "flood", "again")).Status.ShouldBe(409);
            var vitals = (await api.SendAsync(HttpMethod.Get, $"/api/v1/vitals/{Street}", operatorToken)).Body;
            vitals.GetProperty("emergency").GetProperty("profile").GetProperty("code").GetString().ShouldBe("flood");
            var board = (await api.SendAsync(HttpMethod.Get, "/api/v1/emergency", operatorToken)).Body;
            board.GetProperty("active").EnumerateArray().Select(a => a.GetProperty("centreCode").GetString()).ShouldContain(Centre);
            board.GetProperty("journal")[0].GetProperty("reason").GetString().ShouldBe("storm surge");
            var elsewhere = (await api.SendAsync(HttpMethod.Get, "/api/v1/emergency", otherLeader)).Body;
            elsewhere.GetProperty("active").EnumerateArray().ShouldNotContain(a => a.GetProperty("centreCode").GetString() == Centre, "another street's board leaves this street out");
            (await api.SendAsync(HttpMethod.Get, "/api/v1/emergency", grid)).Status.ShouldBe(200);
        }
        finally
        {
            await api.SendAsync(HttpMethod.Post, $"/api/v1/emergency/{Centre}/switch-off", leader, """{"reason":"test over"}""");
        }

        var (_, after, _) = await api.SendAsync(HttpMethod.Get, $"/api/v1/vitals/{Street}", operatorToken);
        after.GetProperty("emergency").ValueKind.ShouldBe(JsonValueKind.Null);
        var journal = (await api.SendAsync(HttpMethod.Get, "/api/v1/emergency", operatorToken)).Body.GetProperty("journal");
        journal[0].GetProperty("profileCode").ValueKind.ShouldBe(JsonValueKind.Null, "switched back to normal");
    }

    [Fact]
    public async Task Callers_without_a_part_of_the_city_have_no_board()
    {
        (await api.SendAsync(HttpMethod.Get, "/api/v1/emergency", await api.TokenAsync("citizen-e", "citizen"))).Status.ShouldBe(403);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/emergency", await api.PlatformTokenAsync())).Status.ShouldBe(403);
        (await api.SendAsync(HttpMethod.Post, $"/api/v1/emergency/{Centre}/switch-on", await api.TokenAsync("si-leader", "centreLeader", Street), "[1,2]")).Status.ShouldBe(400);
    }

    private Task<(int Status, JsonElement Body, string ContentType)> SwitchOnAsync(string token, string profile, string reason) =>
        api.SendAsync(HttpMethod.Post, $"/api/v1/emergency/{Centre}/switch-on", token, JsonSerializer.Serialize(new { profile, reason }));
}
