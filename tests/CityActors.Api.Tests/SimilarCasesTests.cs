using System.Globalization;
using System.Text.Json;
using CityActors.Testing;

namespace CityActors.Api.Tests;

/// <summary>
/// <c>GET /api/v1/cases/{id}/similar</c> over real HTTP on the NYC demo city: cases are filed, handled and closed through
/// the API, and the answer comes from the projected read model: the closed cases of the same matter, best first, with
/// the handler's feedback and the inspector's note, report-to-closure hours, distances, no reporter, never the case itself.
/// </summary>
[Collection(ApiHost.Collection)]
public sealed class SimilarCasesTests(ApiHost api)
{
    // Damaged Tree (NYC016), which no other API test files, near Times Square; east of it in metres.
    private const double Lon = -73.9855;
    private const double Lat = 40.7580;
    private const double MetresPerDegreeLongitude = 84_290;
    private static readonly SemaphoreSlim Filed = new(1, 1);
    private static bool _filed;

    [Fact]
    public async Task The_closed_cases_of_the_same_matter_come_best_first_with_how_they_were_resolved()
    {
        var leader = await FileAsync();

        var (status, body, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/cases/hl-sim-target/similar", leader);

        status.ShouldBe(200);
        body.GetProperty("caseId").GetString().ShouldBe("hl-sim-target");
        var similar = body.GetProperty("similar").EnumerateArray().ToList();

        // Same words 100 m away; other words 400 m away; two words of six 2 km away. The target itself, the other
        // matter at the same spot and the same-matter case still open are left out.
        similar.Select(s => s.GetProperty("id").GetString()).ShouldBe(["hl-sim-same-words", "hl-sim-other-words", "hl-sim-far"]);
        var best = similar[0];
        best.GetProperty("matterCode").GetString().ShouldBe("NYC016");
        best.GetProperty("matterName").GetString().ShouldBe("Damaged Tree");
        best.GetProperty("description").GetString().ShouldBe("Damaged tree branch hanging over sidewalk");
        best.GetProperty("closure").GetString().ShouldBe("Removed the hanging branch — sidewalk clear on inspection");
        similar[1].GetProperty("closure").GetString().ShouldBe("Cut up the fallen limb");
        best.GetProperty("distanceMeters").GetDouble().ShouldBe(100, 2);
        similar[2].GetProperty("distanceMeters").GetDouble().ShouldBe(2000, 20);
        best.GetProperty("score").GetDouble().ShouldBe(0.5 + (0.5 * Math.Exp(-0.1)), 0.001);
        similar[1].GetProperty("score").GetDouble().ShouldBe(0.5 * Math.Exp(-0.4), 0.001);
        similar[2].GetProperty("score").GetDouble().ShouldBe((0.5 * 2 / 7) + (0.5 * Math.Exp(-2)), 0.002);

        foreach (var item in similar)
        {
            var id = item.GetProperty("id").GetString()!;
            var closed = (await api.SendAsync(HttpMethod.Get, $"/api/v1/cases/{id}", leader)).Body;
            var closedAt = closed.GetProperty("closedAt").GetDateTimeOffset();
            item.GetProperty("closedAt").GetDateTimeOffset().ShouldBe(closedAt);
            var hours = (closedAt - closed.GetProperty("reportedAt").GetDateTimeOffset()).TotalHours;
            hours.ShouldBeGreaterThan(0);
            item.GetProperty("handlingHours").GetDouble().ShouldBe(hours, 1e-9);
            item.TryGetProperty("reporters", out _).ShouldBeFalse();
        }

        var raw = body.GetRawText();
        raw.ShouldNotContain("Grace");
        raw.ShouldNotContain("555-0199");
        raw.ShouldNotContain("c-sim");
    }

    [Fact]
    public async Task The_limit_cuts_the_answer_and_defaults_to_five()
    {
        var leader = await FileAsync();

        var two = await api.SendAsync(HttpMethod.Get, "/api/v1/cases/hl-sim-target/similar?limit=2", leader);
        var plain = await api.SendAsync(HttpMethod.Get, "/api/v1/cases/hl-sim-other-words/similar", leader);

        two.Body.GetProperty("similar").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ShouldBe(["hl-sim-same-words", "hl-sim-other-words"]);

        // Asked for a closed case, the answer holds the other closed cases of the matter, the target now among them.
        var ids = plain.Body.GetProperty("similar").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        ids.ShouldNotContain("hl-sim-other-words");
        ids.ShouldBe(["hl-sim-target", "hl-sim-same-words", "hl-sim-far"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("21")]
    [InlineData("-1")]
    [InlineData("five")]
    [InlineData("2&limit=3")]
    public async Task A_bad_limit_is_a_problem_naming_the_range(string limit)
    {
        var leader = await api.TokenAsync("sim-leader", "centreLeader", "nyc");

        var (status, problem, type) = await api.SendAsync(HttpMethod.Get, $"/api/v1/cases/hl-sim-target/similar?limit={limit}", leader);

        status.ShouldBe(400);
        type.ShouldBe("application/problem+json");
        problem.GetProperty("detail").GetString()!.ShouldStartWith("limit must be one whole number 1–20");
    }

    [Fact]
    public async Task An_unknown_case_or_one_the_caller_may_not_read_is_not_found()
    {
        var leader = await FileAsync();
        var otherClerk = await api.TokenAsync("sim-clerk-nypd", "departmentClerk", "NYPD");

        var unknown = await api.SendAsync(HttpMethod.Get, "/api/v1/cases/hl-sim-nowhere/similar", leader);
        var hidden = await api.SendAsync(HttpMethod.Get, "/api/v1/cases/hl-sim-target/similar", otherClerk);
        var noToken = await api.SendAsync(HttpMethod.Get, "/api/v1/cases/hl-sim-target/similar", null);

        unknown.Status.ShouldBe(404);
        unknown.ContentType.ShouldBe("application/problem+json");
        hidden.Status.ShouldBe(404);
        hidden.Body.GetProperty("detail").GetString().ShouldBe("Case hl-sim-target does not exist or is outside the caller's scope.");
        noToken.Status.ShouldBe(401);
    }

    /// <summary>Files the cases once for the class and waits until the read model has every closure; returns a centre leader's token.</summary>
    private async Task<string> FileAsync()
    {
        var leader = await api.TokenAsync("sim-leader", "centreLeader", "nyc");
        await Filed.WaitAsync();
        try
        {
            if (_filed)
            {
                return leader;
            }

            var hotline = await api.TokenAsync("sim-hotline", "channelSystem", "Hotline");
            await CloseAsync(hotline, leader, "sim-same-words", "NYC016", "Damaged tree branch hanging over sidewalk", 100, "Removed the hanging branch", "sidewalk clear on inspection");
            await CloseAsync(hotline, leader, "sim-other-words", "NYC016", "Fallen limb blocks the driveway", 400, "Cut up the fallen limb", null);
            await CloseAsync(hotline, leader, "sim-far", "NYC016", "tree branch cracked", 2000, "Pruned", null);
            await CloseAsync(hotline, leader, "sim-other-matter", "NYC027", "Damaged tree branch hanging over sidewalk", 0, "Baited", null);
            await CloseAsync(hotline, leader, "sim-target", "NYC016", "Damaged tree branch hanging over sidewalk", 0, "Removed", null);
            await ReportAsync(hotline, "sim-open", "NYC016", "Damaged tree branch hanging over sidewalk", 250);

            // The read model is projected from the journals shortly after each command.
            await Eventually.Until(async () =>
                (await api.SendAsync(HttpMethod.Get, "/api/v1/cases/hl-sim-open/similar?limit=20", leader)).Body.GetProperty("similar").GetArrayLength() == 4);
            _filed = true;
            return leader;
        }
        finally
        {
            Filed.Release();
        }
    }

    private async Task CloseAsync(string hotline, string leader, string externalId, string matter, string description, double metresEast, string feedback, string? note)
    {
        var id = await ReportAsync(hotline, externalId, matter, description, metresEast);
        (await api.SendAsync(HttpMethod.Post, $"/api/v1/cases/{id}/verify", leader, "{}")).Status.ShouldBe(200);
        var department = (await api.SendAsync(HttpMethod.Post, $"/api/v1/cases/{id}/accept", leader, "{}")).Body.GetProperty("lead").GetString()!;
        var clerk = await api.TokenAsync("sim-clerk", "departmentClerk", department);
        (await api.SendAsync(HttpMethod.Post, $"/api/v1/cases/{id}/sign-for", clerk, $$"""{"department":"{{department}}"}""")).Status.ShouldBe(200);
        (await api.SendAsync(HttpMethod.Post, $"/api/v1/cases/{id}/report-handled", clerk, JsonSerializer.Serialize(new { department, feedback }))).Status.ShouldBe(200);
        var (status, closed, _) = await api.SendAsync(HttpMethod.Post, $"/api/v1/cases/{id}/inspect", leader, JsonSerializer.Serialize(new { passed = true, note }));
        status.ShouldBe(200);
        closed.GetProperty("status").GetString().ShouldBe("closed");
    }

    private async Task<string> ReportAsync(string hotline, string externalId, string matter, string description, double metresEast)
    {
        var longitude = (Lon + (metresEast / MetresPerDegreeLongitude)).ToString("R", CultureInfo.InvariantCulture);
        var report = $$$"""{"channel":"hotline","externalId":"{{{externalId}}}","matterCode":"{{{matter}}}","description":"{{{description}}}","location":{"longitude":{{{longitude}}},"latitude":{{{Lat.ToString(CultureInfo.InvariantCulture)}}}},"reporter":{"name":"Grace Park","phone":"212-555-0199","citizenId":"c-sim"}}""";
        var (status, body, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, report);
        status.ShouldBe(201);
        return body.GetProperty("id").GetString()!;
    }
}
