using System.Globalization;
using CityActors.Domain.City;
using CityActors.Domain.Reference;
using CityActors.GrainInterfaces.City;

namespace CityActors.Api.Directory;

/// <summary>The city's reference data: the org tree, grid lookup by point, the matter catalogue, departments.</summary>
public static class DirectoryEndpoints
{
    public static IEndpointRouteBuilder MapDirectoryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").RequireAuthorization().WithTags("City");
        api.MapGet("/org", (IGrainFactory grains) => UnitAsync(null, grains))
            .WithName("GetCity").WithSummary("The city's root unit and the districts below it.").Produces<OrgUnitDetail>();
        api.MapGet("/org/{code}", (string code, IGrainFactory grains) => UnitAsync(code, grains))
            .WithName("GetOrgUnit").WithSummary("An org unit with its lineage and the units directly below it.")
            .Produces<OrgUnitDetail>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/grid", LocateAsync)
            .WithName("LocateGrid").WithSummary("The grid cell, community, street and district of a point (lon, lat in WGS84).")
            .Produces<PlaceLookup>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/matters", async (IGrainFactory grains) => Results.Ok(await Directory(grains).Matters()))
            .WithName("ListMatters").WithSummary("The matter catalogue (事项清单) with time limits.").Produces<IReadOnlyList<MatterSummary>>();
        api.MapGet("/departments", async (IGrainFactory grains) => Results.Ok(await Directory(grains).Departments()))
            .WithName("ListDepartments").WithSummary("The departments cases are dispatched to.").Produces<IReadOnlyList<Department>>();
        return endpoints;
    }

    private static async Task<IResult> UnitAsync(string? code, IGrainFactory grains) =>
        await Directory(grains).Unit(code) is { } unit ? Results.Ok(unit) : ApiProblems.NotFound($"The city has no org unit '{code}'.");

    private static async Task<IResult> LocateAsync(string? lon, string? lat, IGrainFactory grains)
    {
        if (!Coordinate(lon, -180, 180, out var longitude) || !Coordinate(lat, -90, 90, out var latitude))
        {
            return ApiProblems.Invalid($"lon must be a number −180…180 and lat −90…90; got lon '{lon}', lat '{lat}'.");
        }

        return await Directory(grains).Locate(longitude, latitude) is { } place
            ? Results.Ok(place)
            : ApiProblems.NotFound($"{longitude.ToString(CultureInfo.InvariantCulture)}, {latitude.ToString(CultureInfo.InvariantCulture)} lies outside every grid cell of the city.");
    }

    private static bool Coordinate(string? text, double min, double max, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value) && value >= min && value <= max;

    private static ICityDirectoryGrain Directory(IGrainFactory grains) => grains.GetGrain<ICityDirectoryGrain>(0);
}
