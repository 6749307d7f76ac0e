using System.Text;
using System.Text.Json.Nodes;
using CityActors.Journals;

namespace CityActors.PostgreSql.Tests.Journals;

/// <summary>Journal records for tests.</summary>
internal static class JournalEvents
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 30, 0, TimeSpan.FromHours(8));

    public static JournalId Case(string key) => new("case", key);

    public static JournalRecord Event(long version, string type = "Noted", string? json = null) =>
        new(version, Start.AddSeconds(version), type, Encoding.UTF8.GetBytes(json ?? $$"""{"version":{{version}},"note":"n{{version}}"}"""));

    public static JournalRecord[] Events(long from, int count) =>
        Enumerable.Range(0, count).Select(i => Event(from + i)).ToArray();

    /// <summary>Whether two payloads are the same JSON (jsonb hands documents back normalized).</summary>
    public static bool SameJson(byte[] left, byte[] right) =>
        JsonNode.DeepEquals(JsonNode.Parse(left), JsonNode.Parse(right));
}
