using System.Text.Json;
using CityActors.Api.Security;
using CityActors.Domain.Cases;
using CityActors.Domain.Emergencies;
using CityActors.GrainInterfaces.City;
using CityActors.GrainInterfaces.Emergencies;

namespace CityActors.Api.Emergencies;

/// <summary>
/// Emergency modes (平战切换) over REST (<c>/api/v1/emergency</c>): the city's profiles, the modes in force and the
/// journal as far as they concern the caller's part of the city, and a centre leader's switch on and off. The
/// emergency grain decides who may switch (that centre's leaders); its refusals are problems.
/// </summary>
public static class EmergencyEndpoints
{
    public static IEndpointRouteBuilder MapEmergencyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var emergency = endpoints.MapGroup("/api/v1/emergency").RequireAuthorization().WithTags("Emergency modes");
        emergency.MapGet("/profiles", async (IGrainFactory grains) => Results.Ok(await grains.GetGrain<ICityDirectoryGrain>(0).EmergencyProfiles()))
            .WithName("ListEmergencyProfiles")
            .WithSummary("The city's emergency profiles: the sensor thresholds each tightens and the time limits it sets for new cases.")
            .Produces<IReadOnlyList<EmergencyProfile>>();
        emergency.MapGet("/", BoardAsync)
            .WithName("GetEmergencyModes")
            .WithSummary("The emergency modes in force and the journal of switches, as far as they concern the caller's part of the city.")
            .Produces<EmergencyBoardView>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        emergency.MapPost("/{centreCode}/switch-on", SwitchOnAsync)
            .WithName("SwitchEmergencyOn")
            .WithSummary("Switches the centre's area to an emergency profile (that centre's leaders only).")
            .Accepts<EmergencySwitchOnRequest>("application/json")
            .Produces<EmergencySwitch>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        emergency.MapPost("/{centreCode}/switch-off", SwitchOffAsync)
            .WithName("SwitchEmergencyOff")
            .WithSummary("Switches the centre's area back to normal (that centre's leaders only).")
            .Accepts<EmergencySwitchOffRequest>("application/json")
            .Produces<EmergencySwitch>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    private static async Task<IResult> BoardAsync(HttpContext context, IGrainFactory grains)
    {
        if (ApiTokens.ActorOf(context.User) is not { } caller)
        {
            return ApiProblems.Unauthenticated("The token names no subject or no known role.");
        }

        if (await UnitScope.OfAsync(caller, grains) is not { } scope)
        {
            return ApiProblems.Forbidden($"{caller.Role} callers have no emergency board; it is for centre, field and department staff.");
        }

        var board = grains.GetGrain<IEmergencyGrain>(0);
        var active = await board.GetActive();
        var journal = await board.GetJournal();
        return Results.Ok(new EmergencyBoardView(
            scope.RootCode,
            [.. active.Where(a => scope.Touches(a.UnitCode)).OrderBy(a => a.UnitCode, StringComparer.Ordinal)],
            [.. journal.Where(s => scope.Touches(s.UnitCode)).OrderByDescending(s => s.Sequence)]));
    }

    private static async Task<IResult> SwitchOnAsync(string centreCode, HttpRequest request, IGrainFactory grains)
    {
        var (caller, body, problem) = await ReadAsync<EmergencySwitchOnRequest>(request);
        return problem ?? await SwitchAsync(centreCode, "switch-on", () => grains.GetGrain<IEmergencyGrain>(0).SwitchOn(caller!, centreCode, body?.Profile ?? "", body?.Reason ?? ""));
    }

    private static async Task<IResult> SwitchOffAsync(string centreCode, HttpRequest request, IGrainFactory grains)
    {
        var (caller, body, problem) = await ReadAsync<EmergencySwitchOffRequest>(request);
        return problem ?? await SwitchAsync(centreCode, "switch-off", () => grains.GetGrain<IEmergencyGrain>(0).SwitchOff(caller!, centreCode, body?.Reason ?? ""));
    }

    /// <summary>The caller and the body (null when none was sent: the grain names what is missing).</summary>
    private static async Task<(Actor? Caller, T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        if (ApiTokens.ActorOf(request.HttpContext.User) is not { } caller)
        {
            return (null, null, ApiProblems.Unauthenticated("The token names no subject or no known role."));
        }

        try
        {
            var body = request.ContentLength == 0 ? null : await JsonSerializer.DeserializeAsync<T>(request.Body, ApiJson.Options, request.HttpContext.RequestAborted);
            return (caller, body, null);
        }
        catch (JsonException ex)
        {
            return (null, null, ApiProblems.MalformedBody(ex.Message));
        }
    }

    private static async Task<IResult> SwitchAsync(string centreCode, string command, Func<Task<EmergencySwitch>> @switch)
    {
        try
        {
            return Results.Ok(await @switch());
        }
        catch (CaseCommandException ex)
        {
            return ApiProblems.Refused(ex, new Dictionary<string, object?> { ["centreCode"] = centreCode, ["command"] = command });
        }
        catch (TimeoutException ex)
        {
            return ApiProblems.Unavailable($"{ex.Message} Read /api/v1/emergency before switching again.");
        }
    }
}

/// <summary>The modes in force and the journal (newest first) that concern the caller's scope: switches of its own unit, of units below it and of units above it.</summary>
public sealed record EmergencyBoardView(string Scope, IReadOnlyList<ActiveEmergency> Active, IReadOnlyList<EmergencySwitch> Journal);

/// <summary>Which profile to switch to and why (both required).</summary>
public sealed record EmergencySwitchOnRequest(string? Profile = null, string? Reason = null);

/// <summary>Why the area goes back to normal (required).</summary>
public sealed record EmergencySwitchOffRequest(string? Reason = null);
