using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CityActors.Domain.Sensors;
using CityActors.LoadTests.Measurement;

namespace CityActors.LoadTests.Setup;

/// <summary>
/// The sensor platform as the REST API sees it: <c>POST /api/v1/sensors/bulk</c> to register sensors and
/// <c>POST /api/v1/sensors/readings</c> to send batches, with the platform's bearer token. Every answer must be 200;
/// the verdict of every reading is counted from the answer.
/// </summary>
public sealed class HttpSensorPlatform(HttpClient http, string platformToken)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly byte[] VerdictProperty = Encoding.UTF8.GetBytes("verdict");
    private static readonly byte[] AcceptedVerdict = Encoding.UTF8.GetBytes("accepted");

    /// <summary>Registers the sensors in one bulk request; fails unless every one of them is registered.</summary>
    public async Task RegisterAsync(IReadOnlyList<SensorRegistration> sensors)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        var body = Write(json =>
        {
            json.WriteStartArray("sensors");
            foreach (var sensor in sensors)
            {
                json.WriteStartObject();
                json.WriteString("id", sensor.Id);
                json.WriteString("kind", sensor.Kind.Indicator());
                json.WriteNumber("longitude", sensor.Longitude);
                json.WriteNumber("latitude", sensor.Latitude);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
        using var answer = JsonDocument.Parse(await PostAsync("/api/v1/sensors/bulk", body).ConfigureAwait(false));
        var registered = answer.RootElement.GetProperty("registered").GetInt32();
        if (registered != sensors.Count)
        {
            throw new InvalidOperationException($"The bulk registration registered {registered} of {sensors.Count} sensors: {answer.RootElement}");
        }
    }

    /// <summary>Sends one batch and counts the verdict of each of its readings into <paramref name="tally"/>.</summary>
    public async Task SendAsync(IReadOnlyList<SensorReading> batch, VerdictTally tally)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(tally);
        var body = Write(json =>
        {
            json.WriteStartArray("readings");
            foreach (var reading in batch)
            {
                json.WriteStartObject();
                json.WriteString("sensorId", reading.SensorId);
                json.WriteString("at", reading.At);
                json.WriteNumber("value", reading.Value);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
        var (accepted, refused) = CountVerdicts(await PostAsync("/api/v1/sensors/readings", body).ConfigureAwait(false));
        tally.Add(accepted, refused, batch.Count);
    }

    private static ReadOnlyMemory<byte> Write(Action<Utf8JsonWriter> items)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            items(json);
            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    private async Task<byte[]> PostAsync(string path, ReadOnlyMemory<byte> body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ReadOnlyMemoryContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", platformToken);
        using var response = await http.SendAsync(request).ConfigureAwait(false);
        var answer = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? answer
            : throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(answer)}");
    }

    // Reads the "verdict" of each result without building a document: the answer of a large batch is tens of kilobytes,
    // and the clients share the cores with the host they measure.
    private static (int Accepted, Dictionary<string, int> Refused) CountVerdicts(byte[] answer)
    {
        var reader = new Utf8JsonReader(answer);
        var accepted = 0;
        var refused = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals(VerdictProperty) || !reader.Read())
            {
                continue;
            }

            if (reader.ValueTextEquals(AcceptedVerdict))
            {
                accepted++;
            }
            else
            {
                var name = reader.GetString() ?? "null";
                refused[name] = refused.GetValueOrDefault(name) + 1;
            }
        }

        return (accepted, refused);
    }
}
