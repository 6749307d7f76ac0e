using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CityActors.Api.Security;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;

namespace CityActors.Api.Cases;

/// <summary>
/// <c>GET /api/v1/queues</c>: the work queues of the caller's centre or department as a desk shows them: how many open
/// cases each queue holds, and one page of a queue (or of all of them), soonest next SLA point first, with a cursor for
/// the next page. <c>GET /api/v1/queue</c> answers the whole list at once.
/// </summary>
public static class QueuePageEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapQueuePageEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/queues", PageAsync)
            .RequireAuthorization()
            .WithTags("Lists and KPIs")
            .WithName("GetWorkQueuePage")
            .WithSummary("Counts per work queue of the caller's centre or department, and a page of one queue (queue=) soonest next SLA point first; limit (1–500, default 50) and after (the previous page's next) page through it.")
            .Produces<QueuePage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return endpoints;
    }

    private static async Task<IResult> PageAsync(HttpContext context, IGrainFactory grains, string? queue = null, string? limit = null, string? after = null)
    {
        var (caller, owner, only, problem) = CallerQueues.Resolve(context, queue);
        if (problem is not null)
        {
            return problem;
        }

        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
        {
            return ApiProblems.Invalid($"limit must be a whole number 1–{MaxLimit}; it is '{limit}'.");
        }

        (DateTimeOffset Point, string Id)? start = null;
        if (after is not null)
        {
            if (ReadCursor(after) is not { } cursor)
            {
                return ApiProblems.Invalid($"after '{after}' is not a cursor of this list; pass the previous page's next.");
            }

            start = cursor;
        }

        var cases = await grains.GetGrain<ICaseQueryGrain>(0).QueuedFor(owner);
        var counts = Enum.GetValues<WorkQueue>().ToDictionary(
            q => JsonNamingPolicy.CamelCase.ConvertName(q.ToString()),
            q => cases.Count(c => c.Queues.Any(e => e.Owner == owner && e.Queue == q)));
        var ordered = cases
            .Where(c => only is null || c.Queues.Any(e => e.Owner == owner && e.Queue == only))
            .Select(c => (Point: NextPoint(c), View: c))
            .OrderBy(c => c.Point)
            .ThenBy(c => c.View.Id, StringComparer.Ordinal)
            .Where(c => start is not { } s || c.Point > s.Point || (c.Point == s.Point && string.CompareOrdinal(c.View.Id, s.Id) > 0))
            .Take(size + 1)
            .ToList();
        var page = ordered.Take(size).ToList();
        var next = ordered.Count > size ? WriteCursor(page[^1].Point, page[^1].View.Id) : null;
        return Results.Ok(new QueuePage(owner, counts, only, [.. page.Select(c => ReporterPrivacy.View(caller, c.View))], next));
    }

    /// <summary>The case's soonest next SLA point (warning, deadline or escalation deadline); cases without one come last.</summary>
    private static DateTimeOffset NextPoint(CaseView view) =>
        view.Timers.Where(t => t.NextPoint is not null).Select(t => t.NextPoint!.Value).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();

    private static string WriteCursor(DateTimeOffset point, string id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(point.UtcTicks.ToString(CultureInfo.InvariantCulture) + "|" + id));

    private static (DateTimeOffset Point, string Id)? ReadCursor(string text)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
            var bar = decoded.IndexOf('|', StringComparison.Ordinal);
            return bar > 0
                && long.TryParse(decoded.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks
                && bar < decoded.Length - 1
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), decoded[(bar + 1)..])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>The counts of every queue of <paramref name="Owner"/> (by the queue's name), and one page of <paramref name="Queue"/> (all queues when null).</summary>
public sealed record QueuePage(WorkOwner Owner, IReadOnlyDictionary<string, int> Counts, WorkQueue? Queue, IReadOnlyList<CaseView> Cases, string? Next);
