using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CityActors.Api.Security;
using CityActors.Domain.Sensors;
using CityActors.GrainInterfaces.Sensors;

namespace CityActors.Api.Sensors;

/// <summary>
/// <c>POST /api/v1/sensors/readings</c>: a batch of readings from the sensor platform, passed to the cluster in one
/// ingest call (which fans out to the sensors from inside). Every item gets a verdict: a value of "NaN" or "Infinity"
/// reaches the sensors and comes back as notFinite, and an item that is not a reading at all is answered as malformed
/// without failing the rest.
/// </summary>
internal static class SensorReadingsBatch
{
    /// <summary>The ingest grain's own limit per call.</summary>
    public const int MaxReadings = 10_000;

    public static async Task<IResult> IngestAsync(HttpRequest request, IGrainFactory grains)
    {
        if (ApiTokens.ActorOf(request.HttpContext.User) is not { } caller)
        {
            return ApiProblems.Unauthenticated("The token names no subject or no known role.");
        }

        if (!SensorAccess.MaySendReadings(caller))
        {
            return ApiProblems.Forbidden($"{caller} may not send readings: they come from the sensor platform (channelSystem of Sensor).");
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException ex)
        {
            return ApiProblems.MalformedBody(ex.Message);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("readings", out var items)
                || items.ValueKind != JsonValueKind.Array)
            {
                return ApiProblems.MalformedBody("The body is {\"readings\": [{\"sensorId\", \"at\", \"value\"}, …]}.");
            }

            var count = items.GetArrayLength();
            if (count > MaxReadings)
            {
                return ApiProblems.Invalid($"A batch has at most {MaxReadings} readings; this one has {count}.");
            }

            return await IngestAsync(grains, [.. items.EnumerateArray().Select(Read)]);
        }
    }

    private static async Task<IResult> IngestAsync(IGrainFactory grains, IReadOnlyList<ParsedReading> parsed)
    {
        var readings = parsed.Where(p => p.Reading is not null).Select(p => p.Reading!).ToList();
        IReadOnlyList<ReadingVerdict> verdicts;
        try
        {
            verdicts = readings.Count == 0 ? [] : await grains.GetGrain<ISensorIngestGrain>(0).Ingest(readings);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            // A sensor that took its readings stored them; sending the batch again gets those answered as duplicates.
            return ApiProblems.Unavailable($"{ex.Message} Sending the same batch again is safe.");
        }

        var results = new List<SensorReadingResult>(parsed.Count);
        var next = 0;
        for (var i = 0; i < parsed.Count; i++)
        {
            results.Add(parsed[i].Reading is { } reading
                ? new SensorReadingResult(i, reading.SensorId, Outcome(verdicts[next++]))
                : new SensorReadingResult(i, parsed[i].SensorId, SensorReadingOutcome.Malformed, parsed[i].Problem));
        }

        var accepted = results.Count(r => r.Verdict == SensorReadingOutcome.Accepted);
        return Results.Ok(new SensorReadingsAnswer(accepted, results.Count - accepted, results));
    }

    private static ParsedReading Read(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return new ParsedReading(null, null, "A reading is an object {\"sensorId\", \"at\", \"value\"}.");
        }

        var sensorId = item.TryGetProperty("sensorId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        var problems = new List<string>();
        if (sensorId is null)
        {
            problems.Add("sensorId must be a string");
        }

        DateTimeOffset at = default;
        if (!item.TryGetProperty("at", out var atElement) || atElement.ValueKind != JsonValueKind.String || !atElement.TryGetDateTimeOffset(out at))
        {
            problems.Add("at must be an ISO 8601 timestamp with an offset");
        }

        if (!item.TryGetProperty("value", out var valueElement) || Value(valueElement) is not { } value)
        {
            problems.Add("value must be a number (or \"NaN\", \"Infinity\", \"-Infinity\")");
            value = double.NaN;
        }

        return problems.Count > 0
            ? new ParsedReading(sensorId, null, string.Join("; ", problems) + ".")
            : new ParsedReading(sensorId, new SensorReading(sensorId!, at, value), null);
    }

    /// <summary>
    /// The value as sent. Non-finite values are passed on for the sensor to refuse (notFinite), so the platform learns
    /// which device sends them: the named literals as strings, and numbers too large for a double (1e400) as infinity.
    /// </summary>
    private static double? Value(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.TryGetDouble(out var number) ? number : element.GetRawText().StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity,
        JsonValueKind.String => double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
        _ => null,
    };

    private static SensorReadingOutcome Outcome(ReadingVerdict verdict) => verdict switch
    {
        ReadingVerdict.Accepted => SensorReadingOutcome.Accepted,
        ReadingVerdict.UnknownSensor => SensorReadingOutcome.UnknownSensor,
        ReadingVerdict.NotFinite => SensorReadingOutcome.NotFinite,
        ReadingVerdict.InFuture => SensorReadingOutcome.InFuture,
        ReadingVerdict.Older => SensorReadingOutcome.Older,
        ReadingVerdict.Duplicate => SensorReadingOutcome.Duplicate,
        _ => SensorReadingOutcome.Unavailable,
    };

    private sealed record ParsedReading(string? SensorId, SensorReading? Reading, string? Problem);
}

/// <summary>Readings to take, in the order their verdicts come back.</summary>
public sealed record SensorReadingsRequest(IReadOnlyList<SensorReadingItem> Readings);

/// <summary>One measurement: the sensor, when it was taken (the device's clock, with an offset) and its value in the kind's unit.</summary>
public sealed record SensorReadingItem(string SensorId, DateTimeOffset At, double Value);

/// <summary>How many readings were accepted and refused, and a verdict per reading in the order sent.</summary>
public sealed record SensorReadingsAnswer(int Accepted, int Rejected, IReadOnlyList<SensorReadingResult> Results);

/// <summary>The verdict on one reading: its index in the request, its sensor and why it was refused when malformed.</summary>
public sealed record SensorReadingResult(
    int Index,
    string? SensorId,
    SensorReadingOutcome Verdict,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail = null);

/// <summary>A sensor's <see cref="ReadingVerdict"/>, or <see cref="Malformed"/> for an item that never reached it.</summary>
public enum SensorReadingOutcome
{
    Accepted,
    UnknownSensor,
    NotFinite,
    InFuture,
    Older,
    Duplicate,
    Unavailable,

    /// <summary>The item is not a reading (missing or unreadable sensorId, at or value); the detail says which.</summary>
    Malformed,
}
