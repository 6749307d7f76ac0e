using System.Globalization;
using CityActors.Domain.Cases;
using CityActors.Domain.Reference;
using CityActors.GrainInterfaces.Cases;
using CityActors.GrainInterfaces.City;

namespace CityActors.Api.Open311;

/// <summary>
/// Open311 GeoReport v2 at <c>/open311</c>: discovery, services (the matter catalogue), service definitions, posting
/// requests (form-encoded, with an <c>api_key</c>), requests by id, by token and by query, each as <c>.json</c> or
/// <c>.xml</c>; errors as the specification's error list. Requests are cases of the Open311 channel.
/// </summary>
public static class Open311Endpoints
{
    private const int MaxRequests = 1000;
    private static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(90);

    public static IEndpointRouteBuilder MapOpen311(this IEndpointRouteBuilder endpoints, Open311Settings settings)
    {
        var open311 = endpoints.MapGroup("/open311").AllowAnonymous().WithTags("Open311 GeoReport v2");
        open311.MapGet("/discovery.{format}", (string format, HttpRequest request) => WithFormat(format, f => Discovery(f, request, settings)))
            .WithName("Open311Discovery");
        open311.MapGet("/v2/services.{format}", (string format, string? jurisdiction_id, IGrainFactory grains) =>
                WithJurisdiction(format, jurisdiction_id, settings, async f =>
                    new Open311Document("services", "service", [.. (await Matters(grains)).Select(Open311Mapping.Service)]).ToResult(f)))
            .WithName("Open311Services");
        open311.MapGet("/v2/services/{code}.{format}", (string code, string format, string? jurisdiction_id, IGrainFactory grains) =>
                WithJurisdiction(format, jurisdiction_id, settings, async f =>
                    (await Matters(grains)).FirstOrDefault(m => m.Code == code) is { } matter
                        ? new Open311Document("service_definition", "service_definition", [Open311Mapping.Definition(matter)]).ToSingleResult(f)
                        : Open311Errors.NotFound(f, $"service_code {code} not found")))
            .WithName("Open311ServiceDefinition");
        open311.MapPost("/v2/requests.{format}", (string format, HttpRequest request, IGrainFactory grains) =>
                WithFormat(format, f => Open311Posting.PostAsync(f, request, grains, settings)))
            .WithName("Open311PostRequest")
            .DisableAntiforgery();
        open311.MapGet("/v2/requests.{format}", (string format, HttpRequest request, IGrainFactory grains, TimeProvider time) =>
                WithJurisdiction(format, request.Query["jurisdiction_id"], settings, f => QueryAsync(f, request, grains, time)))
            .WithName("Open311Requests");
        open311.MapGet("/v2/requests/{id}.{format}", (string id, string format, string? jurisdiction_id, string? extensions, IGrainFactory grains) =>
                WithJurisdiction(format, jurisdiction_id, settings, async f => await ReadAsync(grains, id) is { } view
                    ? Requests(f, [view], await Matters(grains), extensions == "true")
                    : Open311Errors.NotFound(f, $"service_request_id {id} not found")))
            .WithName("Open311Request");
        open311.MapGet("/v2/tokens/{token}.{format}", (string token, string format, string? jurisdiction_id, IGrainFactory grains) =>
                WithJurisdiction(format, jurisdiction_id, settings, async f => await ReadAsync(grains, token) is { } view
                    ? new Open311Document("service_requests", "request", [new Open311Fields { { "service_request_id", view.Id }, { "token", token } }]).ToResult(f)
                    : Open311Errors.NotFound(f, $"token {token} not found")))
            .WithName("Open311Token");
        return endpoints;
    }

    internal static IResult Requests(Open311Format format, IEnumerable<CaseView> views, IReadOnlyList<MatterSummary> matters, bool extensions)
    {
        var names = matters.ToDictionary(m => m.Code, m => m.NameEn, StringComparer.Ordinal);
        return new Open311Document("service_requests", "request", [.. views.Select(v => Open311Mapping.Request(v, names.GetValueOrDefault(v.MatterCode), extensions))]).ToResult(format);
    }

    internal static async Task<IReadOnlyList<MatterSummary>> Matters(IGrainFactory grains) => await grains.GetGrain<ICityDirectoryGrain>(0).Matters();

    private static IResult Discovery(Open311Format format, HttpRequest request, Open311Settings settings)
    {
        var root = $"{request.Scheme}://{request.Host}/open311/v2/";
        var discovery = new Open311Fields
        {
            { "changeset", "2026-11-30T00:00:00Z" },
            { "contact", "The city's operations centre" },
            { "key_service", "API keys are issued by the city's operations centre (CityActors:Open311:ApiKeys)." },
            { "endpoints", new[]
                {
                    new Open311Fields
                    {
                        { "specification", "http://wiki.open311.org/GeoReport_v2" },
                        { "url", root },
                        { "changeset", "2026-11-30T00:00:00Z" },
                        { "type", "production" },
                        { "formats", new[] { "application/json", "text/xml" } },
                    },
                }
            },
        };
        return new Open311Document("discovery", "discovery", [discovery]).ToSingleResult(format);
    }

    private static async Task<IResult> QueryAsync(Open311Format format, HttpRequest request, IGrainFactory grains, TimeProvider time)
    {
        var q = request.Query;
        var extensions = q["extensions"] == "true";
        var matters = await Matters(grains);
        if (!string.IsNullOrWhiteSpace(q["service_request_id"]))
        {
            var ids = q["service_request_id"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (ids.Length > MaxRequests)
            {
                return Open311Errors.BadRequest(format, $"At most {MaxRequests} service_request_id values at once.");
            }

            var views = await Task.WhenAll(ids.Select(id => ReadAsync(grains, id)));
            return Requests(format, views.OfType<CaseView>(), matters, extensions);
        }

        if (!TryDate(q["end_date"], out var end) || !TryDate(q["start_date"], out var start))
        {
            return Open311Errors.BadRequest(format, "start_date and end_date must be W3C date-times such as 2026-11-30T08:00:00-05:00.");
        }

        var to = end ?? time.GetUtcNow();
        var from = start ?? to - DefaultWindow;
        var status = q["status"].ToString();
        if (status is not ("" or "open" or "closed"))
        {
            return Open311Errors.BadRequest(format, $"status must be open or closed; it is '{status}'.");
        }

        if (!TryPositive(q["page_size"], MaxRequests, out var pageSize) || !TryPositive(q["page"], int.MaxValue, out var page))
        {
            return Open311Errors.BadRequest(format, $"page must be 1 or more and page_size 1–{MaxRequests}.");
        }

        var query = new CaseQuery(
            MatterCode: string.IsNullOrWhiteSpace(q["service_code"]) ? null : q["service_code"].ToString(),
            Statuses: status.Length == 0 ? null : Open311Mapping.StatusesOf(status),
            ReportedFrom: from,
            ReportedTo: to,
            Limit: pageSize ?? MaxRequests);
        try
        {
            var cases = grains.GetGrain<ICaseQueryGrain>(0);
            var result = await cases.Query(query);
            for (var n = 1; n < (page ?? 1); n++)
            {
                if (result.Next is null)
                {
                    return Requests(format, [], matters, extensions);
                }

                result = await cases.Query(query with { After = result.Next });
            }

            return Requests(format, result.Cases, matters, extensions);
        }
        catch (ArgumentException ex)
        {
            return Open311Errors.BadRequest(format, ex.Message);
        }
    }

    private static async Task<CaseView?> ReadAsync(IGrainFactory grains, string id)
    {
        try
        {
            // Every case of the city is a public service request; reporter data is never written out.
            return await grains.GetGrain<ICaseGrain>(id).Get();
        }
        catch (CaseCommandException ex) when (ex.Kind is CaseErrorKind.NotFound or CaseErrorKind.Invalid)
        {
            return null;
        }
    }

    private static bool TryDate(Microsoft.Extensions.Primitives.StringValues text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    private static bool TryPositive(Microsoft.Extensions.Primitives.StringValues text, int max, out int? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= 1 && parsed <= max)
        {
            value = parsed;
            return true;
        }

        return false;
    }

    private static Task<IResult> WithFormat(string format, Func<Open311Format, Task<IResult>> answer) => format switch
    {
        "json" => answer(Open311Format.Json),
        "xml" => answer(Open311Format.Xml),
        _ => Task.FromResult(Open311Errors.NotFound(Open311Format.Json, $"Format '{format}' is not offered; use .json or .xml.")),
    };

    private static Task<IResult> WithFormat(string format, Func<Open311Format, IResult> answer) =>
        WithFormat(format, f => Task.FromResult(answer(f)));

    private static Task<IResult> WithJurisdiction(string format, string? jurisdiction, Open311Settings settings, Func<Open311Format, Task<IResult>> answer) =>
        WithFormat(format, f => string.IsNullOrWhiteSpace(jurisdiction) || jurisdiction == settings.JurisdictionId
            ? answer(f)
            : Task.FromResult(Open311Errors.NotFound(f, $"jurisdiction_id {jurisdiction} not found")));
}
