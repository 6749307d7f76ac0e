namespace CityActors.Api.Tests;

/// <summary>Reporter details reach those who call reporters back, masked for everyone else, in views, lists and history.</summary>
[Collection(ApiHost.Collection)]
public sealed class ReporterPrivacyTests(ApiHost api)
{
    [Fact]
    public async Task Centre_staff_see_the_reporter_and_department_staff_a_masked_one()
    {
        var hotline = await api.TokenAsync("hl", "channelSystem", "Hotline");
        var leader = await api.TokenAsync("city-leader", "centreLeader", "nyc");
        var report = CaseLifecycleOverHttpTests.Report("privacy-1").Replace("}}", """}, "reporter":{"name":"Grace Hopper","phone":"212-555-0142","citizenId":"c-77"}}""", StringComparison.Ordinal);
        await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, report);
        await api.SendAsync(HttpMethod.Post, "/api/v1/cases/hl-privacy-1/verify", leader, "{}");
        var department = (await api.SendAsync(HttpMethod.Post, "/api/v1/cases/hl-privacy-1/accept", leader, "{}")).Body.GetProperty("lead").GetString()!;
        var clerk = await api.TokenAsync("clerk-p", "departmentClerk", department);

        var forCentre = await api.SendAsync(HttpMethod.Get, "/api/v1/cases/hl-privacy-1", leader);
        var forClerk = await api.SendAsync(HttpMethod.Get, "/api/v1/cases/hl-privacy-1", clerk);
        var historyForClerk = await api.SendAsync(HttpMethod.Get, "/api/v1/cases/hl-privacy-1/history", clerk);

        var full = forCentre.Body.GetProperty("reporters")[0];
        full.GetProperty("name").GetString().ShouldBe("Grace Hopper");
        full.GetProperty("phone").GetString().ShouldBe("212-555-0142");
        var masked = forClerk.Body.GetProperty("reporters")[0];
        masked.GetProperty("name").GetString().ShouldBe("G*");
        masked.GetProperty("phone").GetString().ShouldBe("***0142");
        masked.GetProperty("citizenId").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        var raw = historyForClerk.Body.GetRawText();
        raw.ShouldNotContain("Hopper");
        raw.ShouldNotContain("555-0142");
        raw.ShouldNotContain("c-77");
    }
}
