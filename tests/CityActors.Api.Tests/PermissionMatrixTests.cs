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

    public static TheoryData<string, string, int> SensorMatrix => new()
    {
        // endpoint, caller, status
        { "get sensor", "sensor platform", 200 },
        { "get sensor", "street centre", 200 },
        { "get sensor", "city centre", 200 },
        { "get sensor", "grid inspector", 200 },
        { "get sensor", "community worker", 200 },
        { "get sensor", "owner clerk", 200 },
        { "get sensor", "owner handler", 200 },
        { "get sensor", "other street centre", 404 },
        { "get sensor", "other grid inspector", 404 },
        { "get sensor", "other clerk", 404 },
        { "get sensor", "citizen", 404 },
        { "get sensor", "hotline system", 404 },
        { "register sensor", "sensor platform", 200 },
        { "register sensor", "street centre", 200 },
        { "register sensor", "owner clerk", 200 },
        { "register sensor", "owner handler", 403 },
        { "register sensor", "other street centre", 403 },
        { "register sensor", "grid inspector", 403 },
        { "register sensor", "citizen", 403 },
        { "register sensor", "hotline system", 403 },
        { "send readings", "sensor platform", 200 },
        { "send readings", "street centre", 403 },
        { "send readings", "owner clerk", 403 },
        { "send readings", "hotline system", 403 },
        { "vitals of the grid", "street centre", 200 },
        { "vitals of the grid", "city centre", 200 },
        { "vitals of the grid", "grid inspector", 200 },
        { "vitals of the grid", "community worker", 200 },
        { "vitals of the grid", "owner clerk", 200 },
        { "vitals of the grid", "other street centre", 403 },
        { "vitals of the grid", "other grid inspector", 403 },
        { "vitals of the grid", "citizen", 403 },
        { "vitals of the grid", "sensor platform", 403 },
        { "emergency board", "street centre", 200 },
        { "emergency board", "owner clerk", 200 },
        { "emergency board", "citizen", 403 },
        { "emergency board", "hotline system", 403 },
        { "switch emergency on", "street centre", 403 },
        { "switch emergency on", "owner clerk", 403 },
        { "switch emergency on", "citizen", 403 },
        { "switch emergency on", "sensor platform", 403 },
    };

    [Theory]
    [MemberData(nameof(SensorMatrix))]
    public async Task Sensor_vital_sign_and_emergency_endpoints_answer_each_caller_as_its_scope_says(string endpoint, string caller, int expected)
    {
        const string Owner = "nyc.1.dep";
        var platform = await api.TokenAsync("sensor-platform", "channelSystem", "Sensor");
        var sensorId = $"pm-{endpoint.Replace(' ', '-')}";
        var registration = SensorApi.Registration(sensorId, department: Owner);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/sensors", platform, registration)).Status.ShouldBeOneOf(200, 201);
        var sensor = (await api.SendAsync(HttpMethod.Get, $"/api/v1/sensors/{sensorId}", platform)).Body.GetProperty("definition");
        var grid = sensor.GetProperty("gridCode").GetString()!;
        var place = await api.PlaceAsync();
        var token = caller switch
        {
            "sensor platform" => platform,
            "owner clerk" => await api.TokenAsync("owner-clerk", "departmentClerk", Owner),
            "owner handler" => await api.TokenAsync("owner-handler", "departmentHandler", Owner),
            _ => await TokenOfAsync(caller, JsonDocument.Parse($$"""{"gridCode":"{{grid}}","communityCode":"{{place.Community}}","streetCode":"{{place.Street}}","districtCode":"{{place.District}}"}""").RootElement, null),
        };

        var (status, body, _) = endpoint switch
        {
            "get sensor" => await api.SendAsync(HttpMethod.Get, $"/api/v1/sensors/{sensorId}", token),
            "register sensor" => await api.SendAsync(HttpMethod.Post, "/api/v1/sensors", token, registration),
            "send readings" => await api.SendAsync(HttpMethod.Post, "/api/v1/sensors/readings", token, SensorApi.Readings(SensorApi.Reading(sensorId, DateTimeOffset.UtcNow, "0.01"))),
            "vitals of the grid" => await api.SendAsync(HttpMethod.Get, $"/api/v1/vitals/{grid}", token),
            "emergency board" => await api.SendAsync(HttpMethod.Get, "/api/v1/emergency", token),
            "switch emergency on" => await api.SendAsync(HttpMethod.Post, $"/api/v1/emergency/{place.Street}.ops/switch-on", token, """{"profile":"flood","reason":"not theirs"}"""),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "no such endpoint in the matrix"),
        };

        status.ShouldBe(expected, SensorApi.Problem(body));
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
