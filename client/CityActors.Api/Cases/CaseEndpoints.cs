using System.Text.Json;
using System.Text.Json.Nodes;
using CityActors.Api.Security;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;

namespace CityActors.Api.Cases;

/// <summary>
/// Cases over REST (<c>/api/v1/cases</c>): intake, the lifecycle's commands, a case and its history. Every command acts
/// as the authenticated caller; refusals are problem details (<see cref="ApiProblems"/>).
/// </summary>
public static class CaseEndpoints
{
    /// <summary>A command sent again with the same key (by the same caller, within a day) is answered, not run again.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private const int MaxIdempotencyKeyLength = 255;

    public static IEndpointRouteBuilder MapCaseEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var cases = endpoints.MapGroup("/api/v1/cases").RequireAuthorization().WithTags("Cases");

        cases.MapPost("/", ReportAsync)
            .WithName("ReportCase")
            .WithSummary("Puts a report in through a channel; the same channel and external id always answer with the same case.")
            .WithDescription("Answers the case and, as `suggestions`, the city model's suggested matters, department and expected resolution time for it (as GET /api/v1/cases/{id}/suggestions); `suggestions` is null when the city ships no model or the model could not answer, which never fails the report.")
            .Accepts<CaseReport>("application/json")
            .Produces<CaseView>(StatusCodes.Status201Created)
            .AddOpenApiOperationTransformer(ReportedCaseAnswer.DescribeAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        cases.MapPost("/{id}/{command}", ExecuteAsync)
            .WithName("RunCaseCommand")
            .WithSummary("Runs a lifecycle command; with an Idempotency-Key header a retry gets the first answer instead of running again (verify, reject, merge, accept, dispatch, sign-for, report-handled, return, request-extension, decide-extension, request-suspension, decide-suspension, resume, inspect, evaluate, supervise, reopen).")
            .Accepts<JsonObject>("application/json")
            .Produces<CaseView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        cases.MapGet("/{id}", GetAsync)
            .WithName("GetCase")
            .WithSummary("The case as it stands.")
            .Produces<CaseView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        cases.MapGet("/{id}/history", HistoryAsync)
            .WithName("GetCaseHistory")
            .WithSummary("Every event of the case, in order: who, role, org, when, why.")
            .Produces<IReadOnlyList<CaseEvent>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> ReportAsync(HttpRequest request, IGrainFactory grains)
    {
        if (ApiTokens.ActorOf(request.HttpContext.User) is not { } caller)
        {
            return ApiProblems.Unauthenticated("The token names no subject or no known role.");
        }

        CaseReport? report;
        try
        {
            report = await JsonSerializer.DeserializeAsync<CaseReport>(request.Body, ApiJson.Options, request.HttpContext.RequestAborted);
        }
        catch (JsonException ex)
        {
            return ApiProblems.MalformedBody(ex.Message);
        }

        if (report is null || report.Location is null || report.ExternalId is null || report.MatterCode is null || report.Description is null)
        {
            return ApiProblems.Invalid("A report needs channel, externalId, matterCode, description and location.");
        }

        string id;
        try
        {
            id = Channels.CaseIdFor(report.Channel, report.ExternalId);
        }
        catch (CaseCommandException ex)
        {
            return ApiProblems.From(ex, report.ExternalId, "report");
        }

        try
        {
            var filed = await grains.GetGrain<ICaseGrain>(id).Report(new ReportCase(caller, report));
            return Results.Created($"/api/v1/cases/{Uri.EscapeDataString(filed.Case.Id)}", ReportedCaseAnswer.Of(ReporterPrivacy.View(caller, filed.Case), filed.Suggestions));
        }
        catch (CaseCommandException ex)
        {
            return ApiProblems.From(ex, id, "report");
        }
        catch (TimeoutException ex)
        {
            // Whether it was filed is unknown; the same report again is safe (its channel and external id are its key).
            return ApiProblems.Unavailable($"{ex.Message} Sending the same report again is safe.");
        }
    }

    private static async Task<IResult> ExecuteAsync(string id, string command, HttpRequest request, IGrainFactory grains)
    {
        if (ApiTokens.ActorOf(request.HttpContext.User) is not { } caller)
        {
            return ApiProblems.Unauthenticated("The token names no subject or no known role.");
        }

        if (!CaseCommandNames.IsPublic(command))
        {
            return ApiProblems.NotFound($"There is no case command '{command}'. Commands: {string.Join(", ", CaseCommandNames.Public.Order(StringComparer.Ordinal))}.");
        }

        var (body, malformed) = await ApiRequestBody.ReadJsonAsync(request);
        if (malformed is not null)
        {
            return malformed;
        }

        CaseCommand parsed;
        try
        {
            parsed = CaseCommandBody.Read(command, body, caller);
        }
        catch (JsonException ex)
        {
            return ApiProblems.MalformedBody(ex.Message);
        }

        if (request.Headers.TryGetValue(IdempotencyKeyHeader, out var keys))
        {
            if (keys.Count != 1 || !IsValidIdempotencyKey(keys[0]))
            {
                return ApiProblems.Invalid($"{IdempotencyKeyHeader} must be one value of 1–{MaxIdempotencyKeyLength} visible ASCII characters.");
            }

            var requestGrain = grains.GetGrain<ICaseRequestGrain>(ICaseRequestGrain.KeyOf(caller, keys[0]!));
            try
            {
                return Results.Ok(ReporterPrivacy.View(caller, await requestGrain.Execute(id, parsed)));
            }
            catch (ArgumentException ex)
            {
                return ApiProblems.IdempotencyKeyReused(ex.Message);
            }
            catch (CaseCommandException ex)
            {
                return ApiProblems.From(ex, id, command);
            }
            catch (TimeoutException ex)
            {
                return ApiProblems.Unavailable($"{ex.Message} Send the same request with the same {IdempotencyKeyHeader} again.");
            }
        }

        return await RunAsync(grains, id, command, parsed, view => Results.Ok(ReporterPrivacy.View(caller, view)));
    }

    private static bool IsValidIdempotencyKey(string? key) =>
        key is { Length: > 0 and <= MaxIdempotencyKeyLength } && key.All(c => c is > ' ' and <= '~');

    private static async Task<IResult> GetAsync(string id, HttpContext context, IGrainFactory grains)
    {
        var (caller, view, problem) = await ReadableAsync(id, context, grains);
        return problem ?? Results.Ok(ReporterPrivacy.View(caller!, view!));
    }

    private static async Task<IResult> HistoryAsync(string id, HttpContext context, IGrainFactory grains)
    {
        var (caller, _, problem) = await ReadableAsync(id, context, grains);
        if (problem is not null)
        {
            return problem;
        }

        var history = await grains.GetGrain<ICaseGrain>(id).GetHistory();
        return Results.Json(history.Select(e => ReporterPrivacy.Event(caller!, e)).ToList(), ApiJson.Options);
    }

    /// <summary>The caller and the case if the caller may read it; otherwise the same 404 whether or not it exists.</summary>
    internal static async Task<(Actor? Caller, CaseView? View, IResult? Problem)> ReadableAsync(string id, HttpContext context, IGrainFactory grains)
    {
        if (ApiTokens.ActorOf(context.User) is not { } caller)
        {
            return (null, null, ApiProblems.Unauthenticated("The token names no subject or no known role."));
        }

        var notFound = ApiProblems.NotFound($"Case {id} does not exist or is outside the caller's scope.");
        try
        {
            var view = await grains.GetGrain<ICaseGrain>(id).Get();
            return CaseReadScope.Allows(caller, view) ? (caller, view, null) : (caller, null, notFound);
        }
        catch (CaseCommandException ex) when (ex.Kind == CaseErrorKind.NotFound)
        {
            return (caller, null, notFound);
        }
        catch (TimeoutException ex)
        {
            return (caller, null, ApiProblems.Unavailable(ex.Message));
        }
    }

    private static async Task<IResult> RunAsync(IGrainFactory grains, string id, string command, CaseCommand parsed, Func<CaseView, IResult> answer)
    {
        try
        {
            return answer(await grains.GetGrain<ICaseGrain>(id).Execute(parsed));
        }
        catch (CaseCommandException ex)
        {
            return ApiProblems.From(ex, id, command);
        }
        catch (TimeoutException ex)
        {
            // Whether it was applied is unknown: read the case before sending again.
            return ApiProblems.Unavailable($"{ex.Message} Read case {id} before retrying {command}.");
        }
    }
}
