namespace CityActors.Api.Tests;

/// <summary>A case handled by several departments (lead and co-handlers, each its own sub-task) through the REST API.</summary>
[Collection(ApiHost.Collection)]
public sealed class SubTaskTests(ApiHost api)
{
    [Fact]
    public async Task A_returned_case_is_dispatched_to_a_lead_and_a_co_handler_who_each_sign_for_and_report_back_before_inspection()
    {
        var hotline = await api.TokenAsync("hl", "channelSystem", "Hotline");
        var leader = await api.TokenAsync("city-leader", "centreLeader", "nyc");
        await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, CaseLifecycleOverHttpTests.Report("subtasks-1"));
        await api.SendAsync(HttpMethod.Post, "/api/v1/cases/hl-subtasks-1/verify", leader, "{}");
        var first = (await api.SendAsync(HttpMethod.Post, "/api/v1/cases/hl-subtasks-1/accept", leader, "{}")).Body.GetProperty("lead").GetString()!;
        var other = (await api.SendAsync(HttpMethod.Get, "/api/v1/departments", leader)).Body.EnumerateArray()
            .Select(d => d.GetProperty("code").GetString()!).First(d => d != first);

        var returned = await api.SendAsync(HttpMethod.Post, "/api/v1/cases/hl-subtasks-1/return", await ClerkOf(first), $$"""{"department":"{{first}}","reason":"not our asset"}""");
        var dispatched = await api.SendAsync(HttpMethod.Post, "/api/v1/cases/hl-subtasks-1/dispatch", leader, $$"""{"lead":"{{other}}","coHandlers":["{{first}}"],"note":"joint job"}""");

        returned.Status.ShouldBe(200, returned.Body.GetRawText());
        dispatched.Status.ShouldBe(200, dispatched.Body.GetRawText());
        dispatched.Body.GetProperty("lead").GetString().ShouldBe(other);
        dispatched.Body.GetProperty("assignments").GetArrayLength().ShouldBe(2);
        foreach (var department in new[] { other, first })
        {
            var clerk = await ClerkOf(department);
            (await api.SendAsync(HttpMethod.Post, "/api/v1/cases/hl-subtasks-1/sign-for", clerk, $$"""{"department":"{{department}}"}""")).Status.ShouldBe(200);
            (await api.SendAsync(HttpMethod.Post, "/api/v1/cases/hl-subtasks-1/report-handled", clerk, $$"""{"department":"{{department}}","feedback":"our part done"}""")).Status.ShouldBe(200);
        }

        var closed = await api.SendAsync(HttpMethod.Post, "/api/v1/cases/hl-subtasks-1/inspect", leader, """{"passed":true}""");
        closed.Body.GetProperty("status").GetString().ShouldBe("closed");
    }

    private Task<string> ClerkOf(string department) => api.TokenAsync($"clerk-{department}", "departmentClerk", department);
}
