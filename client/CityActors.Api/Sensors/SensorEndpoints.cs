using System.Text.Json;
using System.Text.Json.Nodes;
using CityActors.Api.Security;
using CityActors.Domain.Cases;
using CityActors.Domain.Sensors;
using CityActors.GrainInterfaces.Sensors;

namespace CityActors.Api.Sensors;

/// <summary>
/// Sensors (物联感知设备) over REST (<c>/api/v1/sensors</c>): registering one or many, reading one, and sending readings
/// in batches. The sensor grains decide who may register what (<see cref="SensorAccess"/>); their refusals are problems.
/// </summary>
public static class SensorEndpoints
{
    public static IEndpointRouteBuilder MapSensorEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var sensors = endpoints.MapGroup("/api/v1/sensors").RequireAuthorization().WithTags("Sensors");

        sensors.MapPost("/", RegisterAsync)
            .WithName("RegisterSensor")
            .WithSummary("Registers a sensor (201) or changes its registration (200); what is left out comes from the city's defaults for its kind.")
            .Accepts<SensorRegistrationRequest>("application/json")
            .Produces<SensorView>(StatusCodes.Status201Created)
            .Produces<SensorView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        sensors.MapPost("/bulk", SensorBulkRegistration.RegisterAsync)
            .WithName("RegisterSensors")
            .WithSummary($"Registers up to {SensorBulkRegistration.MaxItems} sensors; one outcome per item, in order (one refused item never fails the others).")
            .Accepts<SensorBulkRequest>("application/json")
            .Produces<SensorBulkAnswer>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        sensors.MapPost("/readings", SensorReadingsBatch.IngestAsync)
            .WithName("SendSensorReadings")
            .WithSummary($"Takes up to {SensorReadingsBatch.MaxReadings} readings of any sensors (sensor platform only); a verdict per reading, in order.")
            .Accepts<SensorReadingsRequest>("application/json")
            .Produces<SensorReadingsAnswer>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        sensors.MapGet("/{id}", GetAsync)
            .WithName("GetSensor")
            .WithSummary("The sensor: its definition, status, last reading and conditions (with their cases).")
            .Produces<SensorView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> RegisterAsync(HttpRequest request, IGrainFactory grains)
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

        var errors = new List<string>();
        if (SensorRegistrationBody.Read(body, errors) is not { } registration)
        {
            return ApiProblems.Invalid(errors);
        }

        var sensor = grains.GetGrain<ISensorGrain>(registration.Id);
        try
        {
            var existed = await IsRegisteredAsync(sensor);
            var view = await sensor.Register(caller, registration);
            return existed ? Results.Ok(view) : Results.Created($"/api/v1/sensors/{Uri.EscapeDataString(view.Definition.Id)}", view);
        }
        catch (CaseCommandException ex)
        {
            return ApiProblems.Refused(ex, new Dictionary<string, object?> { ["sensorId"] = registration.Id });
        }
        catch (TimeoutException ex)
        {
            return ApiProblems.Unavailable($"{ex.Message} Registering the same sensor again is safe.");
        }
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, IGrainFactory grains)
    {
        if (ApiTokens.ActorOf(context.User) is not { } caller)
        {
            return ApiProblems.Unauthenticated("The token names no subject or no known role.");
        }

        var notFound = ApiProblems.NotFound($"Sensor {id} does not exist or is outside the caller's scope.");
        if (!SensorRegistrar.IsValidId(id))
        {
            return notFound;
        }

        try
        {
            var view = await grains.GetGrain<ISensorGrain>(id).Get();
            return SensorReadScope.Allows(caller, view.Definition) ? Results.Ok(view) : notFound;
        }
        catch (CaseCommandException ex) when (ex.Kind == CaseErrorKind.NotFound)
        {
            return notFound;
        }
        catch (TimeoutException ex)
        {
            return ApiProblems.Unavailable(ex.Message);
        }
    }

    private static async Task<bool> IsRegisteredAsync(ISensorGrain sensor)
    {
        try
        {
            await sensor.Get();
            return true;
        }
        catch (CaseCommandException ex) when (ex.Kind == CaseErrorKind.NotFound)
        {
            return false;
        }
    }
}

/// <summary>A sensor registration as sent (for the OpenAPI document; the body is read field by field).</summary>
/// <param name="Id">The device id: 1–40 letters, digits, '-' or '_'.</param>
/// <param name="Kind">An indicator name (water_level, manhole_tilt, smoke, noise, pm25, street_light_current, bridge_strain, gas_concentration) or the kind's name (waterLevel).</param>
/// <param name="Longitude">WGS84 longitude; with the latitude it decides the grid cell.</param>
/// <param name="Latitude">WGS84 latitude.</param>
/// <param name="Department">The owning department's code; default: the kind's agency office in the sensor's district.</param>
/// <param name="ReportingInterval">How often it reports, e.g. "00:05:00"; default: the kind's.</param>
/// <param name="Rules">Its rules ("$rule": threshold, rate-of-change, offline); default: the kind's.</param>
/// <param name="Name">A label for people.</param>
public sealed record SensorRegistrationRequest(
    string Id,
    string Kind,
    double Longitude,
    double Latitude,
    string? Department = null,
    TimeSpan? ReportingInterval = null,
    IReadOnlyList<SensorRule>? Rules = null,
    string? Name = null);
