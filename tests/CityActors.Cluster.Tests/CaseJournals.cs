using System.Text.Json;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Serialization;
using Npgsql;

namespace CityActors.Cluster.Tests;

internal sealed record JournalRow(long Version, DateTimeOffset RecordedAt, string EventType, CaseEvent Event);

/// <summary>
/// The case journals as the database holds them (table grain_journal), read directly rather than through a grain, so
/// the checks see what survived whatever happened to the silos.
/// </summary>
internal sealed class CaseJournals
{
    private readonly Dictionary<string, List<JournalRow>> _rows;

    private CaseJournals(Dictionary<string, List<JournalRow>> rows) => _rows = rows;

    public int Count => _rows.Count;

    public IReadOnlyList<JournalRow> this[string caseId] => _rows.TryGetValue(caseId, out var rows) ? rows : [];

    public static async Task<CaseJournals> ReadAsync(string database)
    {
        var rows = new Dictionary<string, List<JournalRow>>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select grain_key, version, recorded_at, event_type, payload::text from grain_journal where grain_type = 'case' order by grain_key, version",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var key = reader.GetString(0);
            if (!rows.TryGetValue(key, out var list))
            {
                rows[key] = list = [];
            }

            var @event = JsonSerializer.Deserialize<CaseEvent>(reader.GetString(4), DomainSerialization.Json)!;
            list.Add(new JournalRow(reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3), @event));
        }

        return new CaseJournals(rows);
    }

    /// <summary>Cases whose versions are not exactly 1, 2, …, n (a gap would be a lost event, a repeat a fork).</summary>
    public IReadOnlyList<string> NotContiguous() =>
        [.. _rows.Where(r => !r.Value.Select(e => e.Version).SequenceEqual(Enumerable.Range(1, r.Value.Count).Select(v => (long)v))).Select(r => r.Key)];

    /// <summary>
    /// Acknowledged commands the journal does not back: it is shorter than the version the caller was given, or its
    /// first events up to that version replay to another status than the caller saw.
    /// </summary>
    public IReadOnlyList<Acknowledged> Missing(IEnumerable<Acknowledged> acknowledged) =>
        [.. acknowledged.Where(a => this[a.CaseId].Count < a.Version || Replay(a.CaseId, a.Version).Status != a.Status)];

    /// <summary>The state the first <paramref name="version"/> events (default: all) give.</summary>
    public CaseState Replay(string caseId, int? version = null)
    {
        var state = new CaseState();
        foreach (var row in this[caseId].Take(version ?? int.MaxValue))
        {
            state.Apply(row.Event);
        }

        return state;
    }
}
