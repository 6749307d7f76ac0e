using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using CityActors.Api.Cases;
using CityActors.Api.Security;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;
using CityActors.GrainInterfaces.City;
using CityActors.GrainInterfaces.Vitals;

namespace CityActors.Api.Feed;

/// <summary>
/// <c>GET /api/v1/feed</c>: server-sent events of case events (event type "case", data the event as JSON with its case
/// id) and of work-queue moves (event type "queue": the case's queues of the caller's centres or department now),
/// limited to the caller's part of the city, in commit order. Each event's id is its feed position: a client that
/// reconnects with <c>Last-Event-ID</c> (or <c>?after=</c>) resumes after it and misses nothing; without one the feed
/// starts at the newest event. Reporter details are never sent. Alongside, event type "vitals" carries the vital
/// signs of the caller's scope root unit whenever they change (<see cref="VitalsWatch"/>).
/// </summary>
public static class FeedEndpoints
{
    private static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapFeedEndpoints(this IEndpointRouteBuilder endpoints, FeedSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        endpoints.MapGet("/api/v1/feed", (HttpContext context, IGrainFactory grains, TimeProvider time, string? after) => StreamAsync(context, grains, time, settings, after))
            .RequireAuthorization()
            .WithTags("Live")
            .WithName("CaseFeed")
            .WithSummary("Server-sent events of case events in the caller's scope, resumable with Last-Event-ID, and of its vital signs when they change.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return endpoints;
    }

    private static async Task<IResult> StreamAsync(HttpContext context, IGrainFactory grains, TimeProvider time, FeedSettings settings, string? after)
    {
        if (ApiTokens.ActorOf(context.User) is not { } caller)
        {
            return ApiProblems.Unauthenticated("The token names no subject or no known role.");
        }

        if (CallerScope.Of(caller) is not { } scope)
        {
            return ApiProblems.Forbidden($"{caller.Role} callers have no live feed; it is for staff.");
        }

        var feed = grains.GetGrain<ICaseFeedGrain>(0);
        var start = context.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? after;
        if (start is not null && !CaseFeedPosition.TryParse(start, out _, out _))
        {
            return ApiProblems.Invalid(CaseFeedPosition.Describe(start));
        }

        start ??= await feed.Head();
        var sources = new List<IAsyncEnumerable<SseItem<string>>> { EventsAsync(feed, start, scope, context.RequestAborted) };
        if (await VitalsRootAsync(caller, grains) is { } root)
        {
            sources.Add(VitalsWatch.EventsAsync(grains.GetGrain<IVitalsGrain>(root), settings.VitalsInterval, time, context.RequestAborted));
        }

        // Headers go out at once, so a client sees the stream open before the first event; then events as they come.
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await context.Response.Body.FlushAsync(context.RequestAborted);
        try
        {
            await SseFormatter.WriteAsync(SseMerge.MergeAsync(sources, context.RequestAborted), context.Response.Body, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }

        return Results.Empty;
    }

    private static async IAsyncEnumerable<SseItem<string>> EventsAsync(
        ICaseFeedGrain feed, string position, CallerScope scope, [EnumeratorCancellation] CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var page = await feed.Next(position, 200, LongPoll);
            foreach (var item in page.Items.Where(i => Visible(scope, i)))
            {
                var data = JsonSerializer.Serialize(new { caseId = item.CaseId, @event = WithoutReporter(item.Event) }, ApiJson.Options);
                yield return new SseItem<string>(data, "case") { EventId = item.Position };
                if (item.Queues is { } queues)
                {
                    var mine = queues.Where(q => Owns(scope, q.Owner)).Select(q => q.Queue).ToList();
                    var queue = JsonSerializer.Serialize(new { caseId = item.CaseId, queues = mine }, ApiJson.Options);
                    yield return new SseItem<string>(queue, "queue") { EventId = item.Position };
                }
            }

            if (page.Items.Count == 0)
            {
                // Nothing for a while: a heartbeat keeps proxies from closing the idle connection (EventSource ignores it).
                yield return new SseItem<string>(page.Position, "heartbeat");
            }

            position = page.Position;
        }
    }

    /// <summary>The caller's scope root when it is a unit of the city (a token may name one that is not: then no vital signs).</summary>
    private static async Task<string?> VitalsRootAsync(Actor caller, IGrainFactory grains) =>
        await UnitScope.OfAsync(caller, grains) is { } scope && await grains.GetGrain<ICityDirectoryGrain>(0).Unit(scope.RootCode) is { } unit
            ? unit.Unit.Code
            : null;

    private static bool Visible(CallerScope scope, CaseFeedItem item) => scope.Department is { } department
        ? item.Departments.Contains(department)
        : item.Place is { } place && (scope.IsWholeCity || KpiScope.Within(place, scope.OrgUnit!));

    /// <summary>Centre staff follow the queues of their centre and the centres below it; department staff their department's.</summary>
    private static bool Owns(CallerScope scope, WorkOwner owner) => scope.Department is { } department
        ? owner.Kind == OwnerKind.Department && owner.Code == department
        : owner.Kind == OwnerKind.Centre && (scope.IsWholeCity || owner.Code == scope.OrgUnit || owner.Code.StartsWith(scope.OrgUnit + ".", StringComparison.Ordinal));

    private static CaseEvent WithoutReporter(CaseEvent @event) => @event switch
    {
        CaseReported reported => reported with { Report = reported.Report with { Reporter = null } },
        ReporterLinked linked => linked with { Reporter = null },
        _ => @event,
    };
}
