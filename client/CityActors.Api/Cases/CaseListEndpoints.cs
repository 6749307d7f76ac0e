using CityActors.Api.Security;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;
using CityActors.GrainInterfaces.City;

namespace CityActors.Api.Cases;

/// <summary>
/// Lists, work queues and KPIs (<c>/api/v1/cases</c>, <c>/api/v1/queue</c>, <c>/api/v1/kpis</c>), from the read model,
/// limited to the caller's part of the city (<see cref="CallerScope"/>): asking beyond it is 403.
/// </summary>
public static class CaseListEndpoints
{
    private static readonly TimeSpan DefaultKpiPeriod = TimeSpan.FromDays(30);

    public static IEndpointRouteBuilder MapCaseListEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").RequireAuthorization().WithTags("Lists and KPIs");
        api.MapGet("/cases", ListAsync)
            .WithName("ListCases")
            .WithSummary("Cases newest first, filtered by orgUnit, department, status, matter, urgency, warned, overdue, escalated, supervised, from, to, bbox; limit and after page through them.")
            .Produces<CasePage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/queue", QueueAsync)
            .WithName("GetWorkQueue")
            .WithSummary("The open cases in the work queues of the caller's centre or department, soonest deadline first; queue= narrows to one.")
            .Produces<IReadOnlyList<CaseView>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/kpis", KpisAsync)
            .WithName("GetKpis")
            .WithSummary("KPIs of the cases reported in [from, to) (default: the last 30 days) within orgUnit or department.")
            .Produces<CaseKpis>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IGrainFactory grains)
    {
        var (caller, query, problem) = await ScopedFiltersAsync(context, grains);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            return Results.Ok(ReporterPrivacy.Page(caller!, await grains.GetGrain<ICaseQueryGrain>(0).Query(query!)));
        }
        catch (ArgumentException ex)
        {
            return ApiProblems.Invalid(ex.Message);
        }
    }

    private static async Task<IResult> QueueAsync(HttpContext context, IGrainFactory grains, string? queue = null)
    {
        var (caller, owner, only, problem) = CallerQueues.Resolve(context, queue);
        if (problem is not null)
        {
            return problem;
        }

        var cases = await grains.GetGrain<ICaseQueryGrain>(0).QueuedFor(owner);
        return Results.Ok(cases
            .Where(c => only is null || c.Queues.Any(q => q.Owner == owner && q.Queue == only))
            .OrderBy(c => c.Timers.Where(t => t.NextPoint is not null).Select(t => t.NextPoint).DefaultIfEmpty(DateTimeOffset.MaxValue).Min())
            .Select(c => ReporterPrivacy.View(caller, c))
            .ToList());
    }

    private static async Task<IResult> KpisAsync(HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        var (_, filters, problem) = await ScopedFiltersAsync(context, grains);
        if (problem is not null)
        {
            return problem;
        }

        var to = filters!.ReportedTo ?? time.GetUtcNow();
        var from = filters.ReportedFrom ?? to - DefaultKpiPeriod;
        try
        {
            return Results.Ok(await grains.GetGrain<ICaseQueryGrain>(0).Kpis(new KpiScope(filters.Department, filters.OrgUnit), from, to));
        }
        catch (ArgumentException ex)
        {
            return ApiProblems.Invalid(ex.Message);
        }
    }

    /// <summary>
    /// The caller and the filters of the query string, narrowed to the caller's scope (its own unit or department where
    /// none was asked for); or the problem: no scope, an unreadable filter, a name the city does not have, a unit or
    /// department outside the scope.
    /// </summary>
    private static async Task<(Actor? Caller, CaseQuery? Filters, IResult? Problem)> ScopedFiltersAsync(HttpContext context, IGrainFactory grains)
    {
        if (Scope(context, out var caller, out var problem) is not { } scope)
        {
            return (null, null, problem);
        }

        CaseQuery filters;
        try
        {
            filters = CaseListQuery.Read(context.Request.Query);
        }
        catch (ArgumentException ex)
        {
            return (null, null, ApiProblems.Invalid(ex.Message));
        }

        if (await UnknownNameAsync(grains, filters) is { } unknown)
        {
            return (null, null, ApiProblems.Invalid(unknown));
        }

        return scope.Narrow(filters.OrgUnit, filters.Department) is { } narrowed
            ? (caller, filters with { OrgUnit = narrowed.OrgUnit, Department = narrowed.Department }, null)
            : (null, null, ApiProblems.Forbidden($"The caller's scope ({scope.OrgUnit ?? scope.Department}) does not include {filters.OrgUnit ?? filters.Department}."));
    }

    /// <summary>A filter naming a unit, department or matter the city does not have is a mistake worth saying, not an empty list.</summary>
    private static async Task<string?> UnknownNameAsync(IGrainFactory grains, CaseQuery query)
    {
        var directory = grains.GetGrain<ICityDirectoryGrain>(0);
        if (query.OrgUnit is { } unit && await directory.Unit(unit) is null)
        {
            return $"orgUnit '{unit}' is not an org unit of the city (see /api/v1/org).";
        }

        if (query.Department is { } department && !(await directory.Departments()).Any(d => d.Code == department))
        {
            return $"department '{department}' is not a department of the city (see /api/v1/departments).";
        }

        return query.MatterCode is { } matter && !(await directory.Matters()).Any(m => m.Code == matter)
            ? $"matter '{matter}' is not in the matter catalogue (see /api/v1/matters)."
            : null;
    }

    private static CallerScope? Scope(HttpContext context, out Actor? caller, out IResult? problem)
    {
        problem = null;
        caller = ApiTokens.ActorOf(context.User);
        if (caller is null)
        {
            problem = ApiProblems.Unauthenticated("The token names no subject or no known role.");
            return null;
        }

        var scope = CallerScope.Of(caller);
        problem = scope is null ? ApiProblems.Forbidden($"{caller.Role} callers read cases one by one; lists, queues and KPIs are for staff.") : null;
        return scope;
    }
}
