using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CityActors.Api;
using CityActors.Api.Security;
using CityActors.Domain.Cases;

namespace CityActors.LoadTests.Replay.Targets;

/// <summary>
/// Commands over the REST API as front-ends send them: <c>POST /api/v1/cases</c> for a report, <c>POST
/// /api/v1/cases/{id}/{command}</c> with the command's JSON for the rest, each with a bearer token of the acting
/// person's role and unit (issued once per person by the host's token service).
/// </summary>
public sealed class HttpCaseTarget(HttpClient http, ApiTokens tokens) : ICaseTarget
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly ConcurrentDictionary<Actor, string> _tokens = new();

    public string Name => "http";

    public async Task<CaseAnswer> ExecuteAsync(string caseId, CaseCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (path, body) = command is ReportCase report
            ? ("/api/v1/cases", JsonSerializer.SerializeToUtf8Bytes(report.Report, ApiJson.Options))
            : ($"/api/v1/cases/{Uri.EscapeDataString(caseId)}/{CommandName(command)}", JsonSerializer.SerializeToUtf8Bytes(command, ApiJson.Options));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(command.By));
        using var document = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        return new CaseAnswer(
            root.GetProperty("version").GetInt32(),
            Enum.Parse<CaseStatus>(root.GetProperty("status").GetString()!, ignoreCase: true),
            root.TryGetProperty("lead", out var lead) && lead.ValueKind == JsonValueKind.String ? lead.GetString() : null);
    }

    public async Task<IReadOnlyList<CaseEvent>> HistoryAsync(string caseId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/cases/{Uri.EscapeDataString(caseId)}/history");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(new Actor("replay-auditor", Role.CentreLeader, "nyc")));
        using var document = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return document.RootElement.Deserialize<List<CaseEvent>>(ApiJson.Options) ?? [];
    }

    private static string CommandName(CaseCommand command) => command switch
    {
        VerifyCase => "verify",
        AcceptCase => "accept",
        DispatchCase => "dispatch",
        ReturnCase => "return",
        SignFor => "sign-for",
        RequestExtension => "request-extension",
        DecideExtension => "decide-extension",
        ReportHandled => "report-handled",
        InspectCase => "inspect",
        EvaluateCase => "evaluate",
        _ => throw new ArgumentException($"The replay sends no {command.GetType().Name} over HTTP.", nameof(command)),
    };

    private string Token(Actor actor) => _tokens.GetOrAdd(actor, a => tokens.Issue(a, DateTimeOffset.UtcNow, TimeSpan.FromHours(12)));

    private async Task<JsonDocument> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CaseCallException("http connection", ex.Message, ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new CaseCallException(
                    FormattableString.Invariant($"http {(int)response.StatusCode}"),
                    $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
            }

            return JsonDocument.Parse(body);
        }
    }
}
