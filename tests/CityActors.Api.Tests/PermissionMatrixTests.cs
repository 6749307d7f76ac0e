using System.Text.Json;

namespace CityActors.Api.Tests;

/// <summary>
/// The lifecycle's permission matrix over real HTTP: each lifecycle command, on a case in the state it applies to, sent
/// by each kind of caller. Allowed callers get 200; everyone else 403 (never a 409 that would reveal the state first).
/// </summary>
[Collection(ApiHost.Collection)]
public sealed class PermissionMatrixTests(ApiHost api)
{
    public static TheoryData<string, string, string, bool> Matrix => new()
    {
        // command, stage the case is brought to, caller, allowed
        { "verify", "reported", "street centre", true },
        { "verify", "reported", "city centre", true },
        { "verify", "reported", "other street centre", false },
        { "verify", "reported", "grid inspector", true },
        { "verify", "reported", "other grid inspector", false },
        { "verify", "reported", "community worker", true },
        { "verify", "reported", "lead clerk", false },
        { "verify", "reported", "citizen", false },
        { "verify", "reported", "hotline system", false },
        { "reject", "reported", "street centre", true },
        { "reject", "reported", "lead clerk", false },
        { "accept", "verified", "street centre", true },
        { "accept", "verified", "grid inspector", false },
        { "accept", "verified", "community worker", false },
        { "accept", "verified", "other street centre", false },
        { "sign-for", "dispatched", "lead clerk", true },
        { "sign-for", "dispatched", "lead handler", false },
        { "sign-for", "dispatched", "other clerk", false },
        { "sign-for", "dispatched", "street centre", false },
        { "report-handled", "handling", "lead handler", true },
        { "report-handled", "handling", "lead clerk", true },
        { "report-handled", "handling", "other clerk", false },
        { "report-handled", "handling", "grid inspector", false },
        { "inspect", "handled", "street centre", true },
        { "inspect", "handled", "grid inspector", true },
        { "inspect", "handled", "other grid inspector", false },
        { "inspect", "handled", "lead clerk", false },
        { "inspect", "handled", "citizen", false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_command_is_open_to_exactly_the_callers_the_lifecycle_names(string command, string stage, string caller, bool allowed)
    {
        var (id, place, lead) = await CaseAtAsync(stage, $"pm-{command}-{caller.Replace(' ', '-')}");
        var token = await TokenOfAsync(caller, place, lead);

        var (status, problem, _) = await api.SendAsync(HttpMethod.Post, $"/api/v1/cases/{id}/{command}", token, BodyOf(command, lead));

        if (allowed)
        {
            status.ShouldBe(200, problem.ValueKind == JsonValueKind.Object ? problem.GetRawText() : null);
        }
        else
        {
            status.ShouldBe(403);
            problem.GetProperty("type").GetString().ShouldBe("https://cityactors.org/problems/forbidden");
        }
    }

    private static string BodyOf(string command, string? lead) => command switch
    {
        "reject" => """{"reason":"not ours"}""",
        "sign-for" => $$"""{"department":"{{lead}}"}""",
        "report-handled" => $$"""{"department":"{{lead}}","feedback":"done"}""",
        "inspect" => """{"passed":true}""",
        _ => "{}",
    };

    /// <summary>A fresh case brought to <paramref name="stage"/> by the city centre and the lead department's clerk.</summary>
    private async Task<(string Id, JsonElement Place, string? Lead)> CaseAtAsync(string stage, string externalId)
    {
        var hotline = await api.TokenAsync("hl", "channelSystem", "Hotline");
        var city = await api.TokenAsync("city-leader", "centreLeader", "nyc");
        var (_, view, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/cases", hotline, CaseLifecycleOverHttpTests.Report(externalId));
        var id = view.GetProperty("id").GetString()!;
        string? lead = null;
        var steps = new[] { "reported", "verified", "dispatched", "handling", "handled" };
        for (var i = 1; i <= Array.IndexOf(steps, stage); i++)
        {
            var clerk = lead is null ? null : await api.TokenAsync("lead-clerk", "departmentClerk", lead);
            var (status, body, _) = steps[i] switch
            {
                "verified" => await api.SendAsync(HttpMethod.Post, $"/api/v1/cases/{id}/verify", city, "{}"),
                "dispatched" => await api.SendAsync(HttpMethod.Post, $"/api/v1/cases/{id}/accept", city, "{}"),
                "handling" => await api.SendAsync(HttpMethod.Post, $"/api/v1/cases/{id}/sign-for", clerk, $$"""{"department":"{{lead}}"}"""),
                _ => await api.SendAsync(HttpMethod.Post, $"/api/v1/cases/{id}/report-handled", clerk, $$"""{"department":"{{lead}}","feedback":"done"}"""),
            };
            status.ShouldBe(200, body.ValueKind == JsonValueKind.Object ? body.GetRawText() : null);
            view = body;
            lead ??= view.TryGetProperty("lead", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
        }

        return (id, view.GetProperty("place"), lead);
    }

    private async Task<string> TokenOfAsync(string caller, JsonElement place, string? lead)
    {
        string Code(string level) => place.GetProperty(level).GetString()!;
        return caller switch
        {
            "street centre" => await api.TokenAsync("street-op", "centreOperator", Code("streetCode")),
            "city centre" => await api.TokenAsync("city-op", "centreOperator", "nyc"),
            "other street centre" => await api.TokenAsync("other-op", "centreOperator", Code("districtCode") + ".999"),
            "grid inspector" => await api.TokenAsync("inspector", "gridInspector", Code("gridCode")),
            "other grid inspector" => await api.TokenAsync("other-inspector", "gridInspector", Code("communityCode") + ".9999"),
            "community worker" => await api.TokenAsync("community", "communityWorker", Code("communityCode")),
            "lead clerk" => await api.TokenAsync("lead-clerk", "departmentClerk", lead ?? "NO-LEAD-YET"),
            "lead handler" => await api.TokenAsync("lead-handler", "departmentHandler", lead ?? "NO-LEAD-YET"),
            "other clerk" => await api.TokenAsync("other-clerk", "departmentClerk", "SOMEONE-ELSE"),
            "citizen" => await api.TokenAsync("citizen-pm", "citizen"),
            "hotline system" => await api.TokenAsync("hl", "channelSystem", "Hotline"),
            _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, "no such caller in the matrix"),
        };
    }
}
