using System.Text.Json;
using CityActors.Domain.Cases;

namespace CityActors.Grains.Cases;

/// <summary>Deep copies and the stored form of <see cref="CaseState"/> (JSON with the web defaults).</summary>
public static class CaseStateCopy
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static CaseState Of(CaseState state) => FromJson(ToJson(state));

    public static byte[] ToJson(CaseState state) => JsonSerializer.SerializeToUtf8Bytes(state, Json);

    public static CaseState FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<CaseState>(json, Json) ?? throw new InvalidOperationException("A stored case state is null.");
}
