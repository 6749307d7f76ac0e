using System.Collections.Concurrent;
using System.Text.Json;
using CityActors.Domain.Sensors;

namespace CityActors.LoadTests.Measurement;

/// <summary>
/// The verdicts readings got, counted from any number of senders: accepted ones, and every other verdict by its name
/// as the REST API spells it ("unavailable", "older", …; "missing" when an answer had fewer verdicts than readings).
/// </summary>
public sealed class VerdictTally
{
    public const string Unavailable = "unavailable";

    private const string Missing = "missing";
    private readonly ConcurrentDictionary<string, long> _refused = new(StringComparer.Ordinal);
    private long _accepted;

    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Verdicts other than accepted, by name.</summary>
    public IReadOnlyDictionary<string, long> Refused => new SortedDictionary<string, long>(_refused, StringComparer.Ordinal);

    /// <summary>Refused for a reason other than <see cref="Unavailable"/> (which says "send it again", not "wrong").</summary>
    public long Rejected => _refused.Where(r => r.Key != Unavailable).Sum(r => r.Value);

    public long UnavailableCount => _refused.GetValueOrDefault(Unavailable);

    /// <summary>The ingest grain's answer to a batch of <paramref name="sent"/> readings.</summary>
    public void Add(IReadOnlyList<ReadingVerdict> verdicts, int sent)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var accepted = 0;
        foreach (var verdict in verdicts)
        {
            if (verdict == ReadingVerdict.Accepted)
            {
                accepted++;
            }
            else
            {
                Refuse(JsonNamingPolicy.CamelCase.ConvertName(verdict.ToString()), 1);
            }
        }

        Interlocked.Add(ref _accepted, accepted);
        MissingAnswers(sent - verdicts.Count);
    }

    /// <summary>Verdicts by name as the REST API answers them.</summary>
    public void Add(int accepted, IEnumerable<KeyValuePair<string, int>> refused, int sent)
    {
        ArgumentNullException.ThrowIfNull(refused);
        Interlocked.Add(ref _accepted, accepted);
        var answered = accepted;
        foreach (var (name, count) in refused)
        {
            Refuse(name, count);
            answered += count;
        }

        MissingAnswers(sent - answered);
    }

    /// <summary>"accepted 1,000, older 3, …".</summary>
    public string Describe() =>
        string.Join(", ", Refused.Select(r => FormattableString.Invariant($"{r.Key} {r.Value:N0}")).Prepend(FormattableString.Invariant($"accepted {Accepted:N0}")));

    private void MissingAnswers(int count)
    {
        if (count != 0)
        {
            Refuse(Missing, count);
        }
    }

    private void Refuse(string name, long count) => _refused.AddOrUpdate(name, count, (_, total) => total + count);
}
