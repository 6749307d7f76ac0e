using CityActors.Api.Security;
using CityActors.Domain.Reference;
using CityActors.Domain.Sensors;
using CityActors.Domain.Vitals;
using CityActors.GrainInterfaces.City;
using CityActors.GrainInterfaces.Vitals;

namespace CityActors.Api.Vitals;

/// <summary>
/// 城市体征 over REST (<c>/api/v1/vitals</c>): a unit's vital signs and an indicator's minute history, for units in the
/// caller's part of the org tree (<see cref="UnitScope"/>); a unit outside it is 403, one the city lacks 404.
/// </summary>
public static class VitalsEndpoints
{
    public static IEndpointRouteBuilder MapVitalsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var vitals = endpoints.MapGroup("/api/v1/vitals").RequireAuthorization().WithTags("Vital signs");
        vitals.MapGet("/{orgUnit}", GetAsync)
            .WithName("GetVitalSigns")
            .WithSummary("Vital signs of a city, district, street, community or grid cell: sensors by status, active alarms, indicators, open and overdue cases by matter, the emergency profile in force.")
            .Produces<VitalSigns>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        vitals.MapGet("/{orgUnit}/history", HistoryAsync)
            .WithName("GetIndicatorHistory")
            .WithSummary("An indicator's minutes in the unit over the last 24 hours, oldest first (indicator=water_level, noise, …).")
            .Produces<IndicatorHistory>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> GetAsync(string orgUnit, HttpContext context, IGrainFactory grains)
    {
        var (unit, problem) = await ScopedUnitAsync(orgUnit, context, grains);
        return problem ?? Results.Ok(await grains.GetGrain<IVitalsGrain>(unit!.Code).Get());
    }

    private static async Task<IResult> HistoryAsync(string orgUnit, string? indicator, HttpContext context, IGrainFactory grains)
    {
        var (unit, problem) = await ScopedUnitAsync(orgUnit, context, grains);
        if (problem is not null)
        {
            return problem;
        }

        if (SensorKinds.Parse(indicator) is not { } kind)
        {
            return ApiProblems.Invalid($"indicator '{indicator}' is not an indicator; use one of {string.Join(", ", SensorKinds.All.Select(k => k.Indicator()))}.");
        }

        var points = await grains.GetGrain<IVitalsGrain>(unit!.Code).GetHistory(kind);
        return Results.Ok(new IndicatorHistory(unit.Code, kind.Indicator(), kind, kind.UnitOfMeasure(), points));
    }

    /// <summary>The unit if it exists and lies in the caller's scope; otherwise the problem (401, 403 or 404).</summary>
    private static async Task<(OrgUnitSummary? Unit, IResult? Problem)> ScopedUnitAsync(string code, HttpContext context, IGrainFactory grains)
    {
        if (ApiTokens.ActorOf(context.User) is not { } caller)
        {
            return (null, ApiProblems.Unauthenticated("The token names no subject or no known role."));
        }

        if (await grains.GetGrain<ICityDirectoryGrain>(0).Unit(code) is not { } detail)
        {
            return (null, ApiProblems.NotFound($"The city has no org unit '{code}'."));
        }

        if (await UnitScope.OfAsync(caller, grains) is not { } scope)
        {
            return (null, ApiProblems.Forbidden($"{caller.Role} callers have no vital signs; they are for centre, field and department staff."));
        }

        return scope.Covers(detail.Unit.Code)
            ? (detail.Unit, null)
            : (null, ApiProblems.Forbidden($"The caller's scope ({scope.RootCode}) does not include {detail.Unit.Code}."));
    }
}

/// <summary>An indicator's minute points in one unit, with what they measure.</summary>
public sealed record IndicatorHistory(string UnitCode, string Indicator, SensorKind Kind, string UnitOfMeasure, IReadOnlyList<IndicatorPoint> Points);
