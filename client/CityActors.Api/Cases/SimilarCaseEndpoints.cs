using System.Globalization;
using CityActors.GrainInterfaces.Cases;

namespace CityActors.Api.Cases;

/// <summary>
/// Similar cases (相似案例): <c>GET /api/v1/cases/{id}/similar?limit=5</c> answers the closed cases of the case's matter
/// most like it in words and place, each with how the city resolved it and how long that took, from the read model of
/// the city's own cases. Whoever may read the case may ask; the answer names no reporter.
/// </summary>
public static class SimilarCaseEndpoints
{
    public static IEndpointRouteBuilder MapSimilarCaseEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/cases/{id}/similar", SimilarAsync)
            .RequireAuthorization()
            .WithTags("Cases")
            .WithName("GetSimilarCases")
            .WithSummary($"The closed cases of the same matter most like this one (words and nearness), best first, with how each was resolved; limit 1–{SimilarCases.MaxLimit}, default {SimilarCases.DefaultLimit}.")
            .Produces<SimilarCasesAnswer>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> SimilarAsync(string id, HttpContext context, IGrainFactory grains)
    {
        var text = context.Request.Query["limit"];
        var limit = SimilarCases.DefaultLimit;
        if (text.Count > 0 && (text.Count > 1 || !int.TryParse(text[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > SimilarCases.MaxLimit))
        {
            return ApiProblems.Invalid($"limit must be one whole number 1–{SimilarCases.MaxLimit}; it is '{string.Join(",", text.ToArray())}'.");
        }

        var (_, view, problem) = await CaseEndpoints.ReadableAsync(id, context, grains);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            return Results.Ok(new SimilarCasesAnswer(view!.Id, await grains.GetGrain<ICaseQueryGrain>(0).SimilarTo(view, limit)));
        }
        catch (TimeoutException ex)
        {
            return ApiProblems.Unavailable(ex.Message);
        }
    }
}

/// <summary>The case asked about and its most similar closed cases, best first.</summary>
public sealed record SimilarCasesAnswer(string CaseId, IReadOnlyList<SimilarCaseView> Similar);
