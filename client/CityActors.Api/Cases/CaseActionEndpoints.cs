using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;

namespace CityActors.Api.Cases;

/// <summary>
/// <c>GET /api/v1/cases/{id}/actions</c>: the commands the caller may send to the case now, decided by the case's own
/// rules (<see cref="CaseActions"/>), so a front-end offers exactly what <c>POST /api/v1/cases/{id}/{command}</c> accepts.
/// </summary>
public static class CaseActionEndpoints
{
    public static IEndpointRouteBuilder MapCaseActionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/cases/{id}/actions", ActionsAsync)
            .RequireAuthorization()
            .WithTags("Cases")
            .WithName("GetCaseActions")
            .WithSummary("The lifecycle commands the caller may send to the case now (role, org and state allow them), and its running clocks with the time left in their mode.")
            .Produces<CaseActionList>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> ActionsAsync(string id, HttpContext context, IGrainFactory grains)
    {
        var (caller, view, problem) = await CaseEndpoints.ReadableAsync(id, context, grains);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            var sheet = await grains.GetGrain<ICaseGrain>(id).Actions(caller!);
            return Results.Ok(new CaseActionList(view!.Id, view.Version, sheet.Commands, sheet.Clocks, sheet.At));
        }
        catch (TimeoutException ex)
        {
            return ApiProblems.Unavailable(ex.Message);
        }
    }
}

/// <summary>The commands the caller may send to case <paramref name="CaseId"/> as of its <paramref name="Version"/>, and its running clocks with the time left.</summary>
public sealed record CaseActionList(string CaseId, int Version, IReadOnlyList<string> Commands, IReadOnlyList<ClockStanding> Clocks, DateTimeOffset At);
