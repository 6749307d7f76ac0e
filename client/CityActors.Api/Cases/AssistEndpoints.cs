using System.Text.Json;
using CityActors.Api.Security;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;

namespace CityActors.Api.Cases;

/// <summary>
/// Suggestions from the city's learned model: for a report before it is filed (<c>POST /api/v1/assist/suggestions</c>)
/// and for a case as it was reported (<c>GET /api/v1/cases/{id}/suggestions</c>): up to three matters with their
/// probabilities, the catalogue's dispatch candidates beside the department history points to, and the expected
/// resolution time. A city whose package ships no model answers 404.
/// </summary>
public static class AssistEndpoints
{
    public static IEndpointRouteBuilder MapAssistEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/assist/suggestions", SuggestAsync)
            .RequireAuthorization()
            .WithTags("Assist")
            .WithName("SuggestForReport")
            .WithSummary("Suggested matters, department and expected resolution time for a report (channel, matterCode, description, location; externalId not needed).")
            .Accepts<CaseReport>("application/json")
            .Produces<CaseSuggestionView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        endpoints.MapGet("/api/v1/cases/{id}/suggestions", SuggestForCaseAsync)
            .RequireAuthorization()
            .WithTags("Assist")
            .WithName("SuggestForCase")
            .WithSummary("Suggested matters, department and expected resolution time for a case as it was reported.")
            .Produces<CaseSuggestionView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> SuggestAsync(HttpRequest request, IGrainFactory grains, TimeProvider time)
    {
        if (ApiTokens.ActorOf(request.HttpContext.User) is null)
        {
            return ApiProblems.Unauthenticated("The token names no subject or no known role.");
        }

        SuggestionRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<SuggestionRequest>(request.Body, ApiJson.Options, request.HttpContext.RequestAborted);
        }
        catch (JsonException ex)
        {
            return ApiProblems.MalformedBody(ex.Message);
        }

        if (body is not { Channel: { } channel, MatterCode: { } matter, Description: { } description, Location: { } location })
        {
            return ApiProblems.Invalid("A report to suggest for needs channel, matterCode, description and location.");
        }

        try
        {
            var report = new CaseReport(channel, body.ExternalId ?? "", matter, description, location, CategoryGuess: body.CategoryGuess);
            var suggestion = await grains.GetGrain<ICaseAssistGrain>(0).Suggest(report, time.GetUtcNow());
            return suggestion is null ? NoModel() : Results.Ok(suggestion);
        }
        catch (CaseCommandException ex)
        {
            return ApiProblems.Refused(ex);
        }
        catch (TimeoutException ex)
        {
            return ApiProblems.Unavailable(ex.Message);
        }
    }

    private static async Task<IResult> SuggestForCaseAsync(string id, HttpContext context, IGrainFactory grains)
    {
        if (ApiTokens.ActorOf(context.User) is not { } caller)
        {
            return ApiProblems.Unauthenticated("The token names no subject or no known role.");
        }

        var notFound = ApiProblems.NotFound($"Case {id} does not exist or is outside the caller's scope.");
        try
        {
            var view = await grains.GetGrain<ICaseGrain>(id).Get();
            if (!CaseReadScope.Allows(caller, view))
            {
                return notFound;
            }

            var suggestion = await grains.GetGrain<ICaseAssistGrain>(0).SuggestFor(view);
            return suggestion is null ? NoModel() : Results.Ok(suggestion);
        }
        catch (CaseCommandException ex) when (ex.Kind == CaseErrorKind.NotFound)
        {
            return notFound;
        }
        catch (TimeoutException ex)
        {
            return ApiProblems.Unavailable(ex.Message);
        }
    }

    /// <summary>A report as intake would take it; every field optional here so that a missing one gets its own message.</summary>
    private sealed class SuggestionRequest
    {
        public Channel? Channel { get; set; }

        public string? ExternalId { get; set; }

        public string? MatterCode { get; set; }

        public string? Description { get; set; }

        public ReportedLocation? Location { get; set; }

        public string? CategoryGuess { get; set; }
    }

    private static IResult NoModel() => ApiProblems.NotFound("This city's package ships no assist model (assist.json), so there are no suggestions.");
}
