using CityActors.Api.Security;
using CityActors.Domain.City;
using CityActors.GrainInterfaces.City;
using CityActors.GrainInterfaces.Vitals;

namespace CityActors.Api.Map;

/// <summary>
/// What a map of the city needs (<c>/api/v1/map</c>): the boundaries of one level's units as GeoJSON (reference data,
/// like the org tree), and per unit of a level the open, warned and overdue cases and active alarms, read from the
/// units' vital signs (kept up to date by the cases and sensors themselves; nothing is scanned) and limited to the
/// caller's part of the org tree.
/// </summary>
public static class MapEndpoints
{
    /// <summary>Counts are read from one vitals grain per unit; a layer with more units than this is refused rather than fanned out.</summary>
    private const int MaxCountedUnits = 2_000;

    public static IEndpointRouteBuilder MapCityMapEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var map = endpoints.MapGroup("/api/v1/map").RequireAuthorization().WithTags("Map");
        map.MapGet("/{level}", LayerAsync)
            .WithName("GetMapLayer")
            .WithSummary("Boundaries of the units at a level (district, street, community, grid) within a unit (default: the city) as a GeoJSON FeatureCollection, simplified for screens; grid cells within a street or less.")
            .Produces<string>(StatusCodes.Status200OK, "application/geo+json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        map.MapGet("/{level}/counts", CountsAsync)
            .WithName("GetMapCounts")
            .WithSummary("Open, warned and overdue cases and active alarms per unit at a level within a unit of the caller's scope (default: the scope's root).")
            .Produces<MapCounts>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> LayerAsync(string level, string? within, HttpContext context, IGrainFactory grains)
    {
        if (Level(level) is not { } parsed)
        {
            return ApiProblems.Invalid($"level '{level}' is not a map level; use district, street, community or grid.");
        }

        var directory = grains.GetGrain<ICityDirectoryGrain>(0);
        var unit = await directory.Unit(within);
        if (unit is null)
        {
            return ApiProblems.NotFound($"The city has no org unit '{within}'.");
        }

        try
        {
            var layer = await directory.MapLayer(parsed, unit.Unit.Code);

            // Boundaries change only with a new city package: browsers may keep a layer for an hour.
            context.Response.Headers.CacheControl = "private, max-age=3600";
            return Results.Text(layer, "application/geo+json");
        }
        catch (ArgumentException ex)
        {
            return ApiProblems.Invalid(ex.Message);
        }
    }

    private static async Task<IResult> CountsAsync(string level, string? within, HttpContext context, IGrainFactory grains)
    {
        if (ApiTokens.ActorOf(context.User) is not { } caller)
        {
            return ApiProblems.Unauthenticated("The token names no subject or no known role.");
        }

        if (Level(level) is not { } parsed)
        {
            return ApiProblems.Invalid($"level '{level}' is not a map level; use district, street, community or grid.");
        }

        if (await UnitScope.OfAsync(caller, grains) is not { } scope)
        {
            return ApiProblems.Forbidden($"{caller.Role} callers have no map counts; they are for centre, field and department staff.");
        }

        var directory = grains.GetGrain<ICityDirectoryGrain>(0);
        if (await directory.Unit(within ?? scope.RootCode) is not { } unit)
        {
            return ApiProblems.NotFound($"The city has no org unit '{within}'.");
        }

        if (!scope.Covers(unit.Unit.Code))
        {
            return ApiProblems.Forbidden($"The caller's scope ({scope.RootCode}) does not include {unit.Unit.Code}.");
        }

        if (parsed < unit.Unit.Level)
        {
            return ApiProblems.Invalid($"{unit.Unit.Code} is a {unit.Unit.Level}; it has no {parsed} units.");
        }

        var codes = await directory.UnitCodes(parsed, unit.Unit.Code);
        if (codes.Count > MaxCountedUnits)
        {
            return ApiProblems.Invalid($"{unit.Unit.Code} has {codes.Count} {parsed} units; counts are given for at most {MaxCountedUnits} at a time (ask within a smaller unit).");
        }

        var vitals = await Task.WhenAll(codes.Select(code => grains.GetGrain<IVitalsGrain>(code).Get()));
        return Results.Ok(new MapCounts(
            unit.Unit.Code,
            parsed,
            [.. vitals.Select(v => new UnitCaseCounts(
                v.UnitCode,
                v.Cases.Sum(c => c.Open),
                v.Cases.Sum(c => c.Warned),
                v.Cases.Sum(c => c.Overdue),
                v.ActiveAlarms,
                v.Emergency?.Profile.Code))]));
    }

    private static OrgLevel? Level(string text) =>
        Enum.TryParse<OrgLevel>(text, ignoreCase: true, out var level) && !int.TryParse(text, out _) && level != OrgLevel.City && Enum.IsDefined(level) ? level : null;
}

/// <summary>Case and alarm counts per unit at <paramref name="Level"/> within <paramref name="Within"/>.</summary>
public sealed record MapCounts(string Within, OrgLevel Level, IReadOnlyList<UnitCaseCounts> Units);

/// <summary>One unit's open cases, those of them with a yellow (warned) or red (overdue) clock, its active sensor alarms and the emergency profile in force.</summary>
public sealed record UnitCaseCounts(string Code, int Open, int Warned, int Overdue, int Alarms, string? Emergency);
