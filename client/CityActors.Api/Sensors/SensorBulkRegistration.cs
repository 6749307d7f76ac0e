using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CityActors.Api.Security;
using CityActors.Domain.Cases;
using CityActors.Domain.Sensors;
using CityActors.GrainInterfaces.Sensors;

namespace CityActors.Api.Sensors;

/// <summary>
/// <c>POST /api/v1/sensors/bulk</c>: many registrations in one request, each with its own outcome. Registrations run
/// a bounded number at a time, so one large request does not flood the cluster with sensor activations at once.
/// </summary>
internal static class SensorBulkRegistration
{
    public const int MaxItems = 1000;
    private const int Parallelism = 16;

    public static async Task<IResult> RegisterAsync(HttpRequest request, IGrainFactory grains)
    {
        if (ApiTokens.ActorOf(request.HttpContext.User) is not { } caller)
        {
            return ApiProblems.Unauthenticated("The token names no subject or no known role.");
        }

        var (body, malformed) = await ApiRequestBody.ReadJsonAsync(request);
        if (malformed is not null)
        {
            return malformed;
        }

        if (body is not JsonObject { } envelope || envelope["sensors"] is not JsonArray items)
        {
            return ApiProblems.MalformedBody("The body is {\"sensors\": [registration, …]}.");
        }

        if (items.Count > MaxItems)
        {
            return ApiProblems.Invalid($"A bulk registration has at most {MaxItems} sensors; this one has {items.Count}.");
        }

        var results = new SensorBulkResult[items.Count];
        var valid = new List<(int Index, SensorRegistration Registration)>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var errors = new List<string>();
            if (SensorRegistrationBody.Read(items[i], errors) is { } registration)
            {
                valid.Add((i, registration));
            }
            else
            {
                results[i] = new SensorBulkResult(i, IdOf(items[i]), SensorBulkOutcome.Invalid, string.Join(" ", errors));
            }
        }

        await Parallel.ForEachAsync(
            valid,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = request.HttpContext.RequestAborted },
            async (item, _) => results[item.Index] = await RegisterOneAsync(grains, caller, item.Index, item.Registration));
        return Results.Ok(new SensorBulkAnswer(
            results.Count(r => r.Outcome == SensorBulkOutcome.Registered),
            results.Count(r => r.Outcome != SensorBulkOutcome.Registered),
            results));
    }

    private static async Task<SensorBulkResult> RegisterOneAsync(IGrainFactory grains, Actor caller, int index, SensorRegistration registration)
    {
        try
        {
            await grains.GetGrain<ISensorGrain>(registration.Id).Register(caller, registration);
            return new SensorBulkResult(index, registration.Id, SensorBulkOutcome.Registered);
        }
        catch (CaseCommandException ex)
        {
            var outcome = ex.Kind == CaseErrorKind.Forbidden ? SensorBulkOutcome.Forbidden : SensorBulkOutcome.Invalid;
            return new SensorBulkResult(index, registration.Id, outcome, ex.Message);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            return new SensorBulkResult(index, registration.Id, SensorBulkOutcome.Unavailable, $"{ex.Message} Registering it again is safe.");
        }
    }

    private static string? IdOf(JsonNode? item) =>
        item is JsonObject registration && registration["id"] is JsonValue id && id.TryGetValue<string>(out var text) ? text : null;
}

/// <summary>Registrations to make (each as for <c>POST /api/v1/sensors</c>).</summary>
public sealed record SensorBulkRequest(IReadOnlyList<SensorRegistrationRequest> Sensors);

/// <summary>How many were registered and refused, and each item's outcome in the order sent.</summary>
public sealed record SensorBulkAnswer(int Registered, int Refused, IReadOnlyList<SensorBulkResult> Results);

/// <summary>What became of one item: its index in the request, its id (when it had one), the outcome and why.</summary>
public sealed record SensorBulkResult(
    int Index,
    string? Id,
    SensorBulkOutcome Outcome,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail = null);

public enum SensorBulkOutcome
{
    /// <summary>Registered, or changed, or already registered as sent.</summary>
    Registered,

    /// <summary>The item is not a usable registration; the detail names every problem.</summary>
    Invalid,

    /// <summary>The caller may not register this sensor here or for this department.</summary>
    Forbidden,

    /// <summary>The cluster did not answer in time; sending the item again is safe.</summary>
    Unavailable,
}
