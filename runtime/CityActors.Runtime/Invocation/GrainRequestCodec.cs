using System.Collections.Concurrent;
using System.ComponentModel;
using System.Text.Json;

namespace CityActors.Runtime.Invocation;

/// <summary>Rebuilds a request from its method id and JSON arguments (generated per grain method).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate GrainRequest GrainRequestReader(ref Utf8JsonReader reader, JsonSerializerOptions options);

/// <summary>
/// Turns grain calls into bytes and back: the method id names the generated request type, the arguments are a JSON
/// array. Local calls never use this; it is how calls cross process boundaries.
/// </summary>
public static class GrainRequestCodec
{
    private static readonly ConcurrentDictionary<string, GrainRequestReader> Readers = new(StringComparer.Ordinal);

    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Register(string methodId, GrainRequestReader reader) => Readers.TryAdd(methodId, reader);

    public static byte[] SerializeArguments(GrainRequest request, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            request.WriteArguments(writer, options);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <exception cref="GrainConfigurationException">No loaded grain interface declares <paramref name="methodId"/>.</exception>
    /// <exception cref="JsonException">The arguments do not match the method's parameters.</exception>
    public static GrainRequest Deserialize(string methodId, ReadOnlySpan<byte> arguments, JsonSerializerOptions options)
    {
        if (!Readers.TryGetValue(methodId, out var read))
        {
            throw new GrainConfigurationException(
                $"Unknown grain method '{methodId}': no loaded grain interface declares it (is the interface assembly deployed on this silo, in the same version?).");
        }

        var reader = new Utf8JsonReader(arguments);
        return read(ref reader, options);
    }

    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void ReadStartArray(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.None)
        {
            reader.Read();
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Grain call arguments must be a JSON array; found {reader.TokenType}.");
        }
    }

    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void ReadEndArray(ref Utf8JsonReader reader, int count)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException($"Grain call arguments must be an array of exactly {count} value(s).");
        }
    }
}
