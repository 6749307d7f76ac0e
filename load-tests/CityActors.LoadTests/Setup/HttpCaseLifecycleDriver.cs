using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CityActors.Api.Open311;
using CityActors.Api.Security;
using CityActors.Domain.Cases;
using CityActors.LoadTests.Measurement;

namespace CityActors.LoadTests.Setup;

/// <summary>
/// What <see cref="CaseLifecycleDriver"/> does, over HTTP as front-ends do it: the report as an Open311 <c>POST
/// requests</c> (form-encoded, api key), then verify, accept, sign for, report handled and inspect through the REST
/// API with bearer tokens of the right roles. Every answer must be the expected status; latencies per request.
/// </summary>
public sealed class HttpCaseLifecycleDriver(HttpClient http, ApiTokens tokens, IReadOnlyList<CasePlan> plans) : IDisposable
{
    public static readonly IReadOnlyList<string> Requests = ["open311 post", "verify", "accept", "sign for", "handled", "inspect"];

    private readonly StepLatencies _latencies = new(Requests.Count);
    private readonly ConcurrentDictionary<(Role, string), string> _tokens = new();

    public async ValueTask DriveAsync(int caller, long n, LoadPhase phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        var plan = plans[(int)(((caller * 7919L) + n) % plans.Count)];
        var centre = Token(Role.CentreOperator, plan.Street);
        var clerk = Token(Role.DepartmentClerk, plan.Department);
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = Open311Settings.DemoApiKey,
            ["service_code"] = plan.Matter,
            ["lat"] = plan.Location.Latitude!.Value.ToString(CultureInfo.InvariantCulture),
            ["long"] = plan.Location.Longitude!.Value.ToString(CultureInfo.InvariantCulture),
            ["description"] = "load test",
        });
        var posted = await StepAsync(0, HttpMethod.Post, "/open311/v2/requests.json", null, form, phase).ConfigureAwait(false);
        var id = posted[0].GetProperty("service_request_id").GetString()!;
        var path = $"/api/v1/cases/{id}";
        await StepAsync(1, HttpMethod.Post, $"{path}/verify", centre, Json("{}"), phase).ConfigureAwait(false);
        var accepted = await StepAsync(2, HttpMethod.Post, $"{path}/accept", centre, Json("{}"), phase).ConfigureAwait(false);
        if (accepted.GetProperty("lead").GetString() != plan.Department)
        {
            throw new InvalidOperationException($"Case {id} went to {accepted.GetProperty("lead")}, not {plan.Department}.");
        }

        var department = Json($$"""{"department":"{{plan.Department}}"}""");
        await StepAsync(3, HttpMethod.Post, $"{path}/sign-for", clerk, department, phase).ConfigureAwait(false);
        await StepAsync(4, HttpMethod.Post, $"{path}/report-handled", clerk, Json($$"""{"department":"{{plan.Department}}","feedback":"done"}"""), phase).ConfigureAwait(false);
        var closed = await StepAsync(5, HttpMethod.Post, $"{path}/inspect", centre, Json("""{"passed":true}"""), phase).ConfigureAwait(false);
        if (closed.GetProperty("status").GetString() != "closed")
        {
            throw new InvalidOperationException($"Case {id} ended {closed.GetProperty("status")}.");
        }
    }

    public (IReadOnlyList<LatencyHistogram> ByRequest, LatencyHistogram All) Latencies() =>
        _latencies.Snapshot();

    public void Dispose() => _latencies.Dispose();

    private string Token(Role role, string org) =>
        _tokens.GetOrAdd((role, org), k => tokens.Issue(new Actor($"bench-{k.Item1}", k.Item1, k.Item2), DateTimeOffset.UtcNow, TimeSpan.FromHours(2)));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<JsonElement> StepAsync(int step, HttpMethod method, string path, string? token, HttpContent content, LoadPhase phase)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        _latencies.Record(step, Stopwatch.GetElapsedTime(started), phase);

        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(body).RootElement.Clone()
            : throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {body}");
    }
}
