using CityActors.Deadlines;
using CityActors.Domain.Cases;

namespace CityActors.Grains.Cases;

/// <summary>
/// Keeps one case's durable deadlines equal to its clocks' next points: one deadline per running clock, none while the
/// case is suspended or ended. Remembers what it set during the activation so a command changes only what moved; on
/// activation (and after a failed change) it re-reads what is stored, so a clock is never left without its deadline.
/// </summary>
internal sealed class CaseDeadlines(IDeadlines deadlines, GrainId grain)
{
    private const string Prefix = "sla:";

    private Dictionary<string, DateTimeOffset>? _set;

    /// <summary>The clock key a deadline name stands for; null for names this class did not make.</summary>
    public static string? ClockKeyOf(string name) =>
        name.StartsWith(Prefix, StringComparison.Ordinal) ? name[Prefix.Length..] : null;

    /// <summary>The deadlines the state calls for, by name.</summary>
    public static Dictionary<string, DateTimeOffset> Desired(CaseState state) =>
        state.IsSuspended || !state.Status.IsOpen()
            ? []
            : state.Timers.Values.Where(t => t.NextPoint is not null).ToDictionary(t => Prefix + t.Key, t => t.NextPoint!.Value, StringComparer.Ordinal);

    /// <summary>A deadline was delivered: the deadline service removes it unless it is set again.</summary>
    public void Delivered(DeadlineFired deadline)
    {
        if (_set is not null && _set.TryGetValue(deadline.Name, out var due) && due == deadline.Due)
        {
            _set.Remove(deadline.Name);
        }
    }

    public async Task SyncAsync(CaseState state, CancellationToken cancellationToken)
    {
        _set ??= (await deadlines.GetAsync(grain, cancellationToken))
            .Where(d => d.Key.StartsWith(Prefix, StringComparison.Ordinal))
            .ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
        var desired = Desired(state);
        var changes = new List<Task>();
        foreach (var (name, due) in desired)
        {
            if (!_set.TryGetValue(name, out var current) || current != due)
            {
                changes.Add(deadlines.SetAsync(grain, name, due, cancellationToken));
                _set[name] = due;
            }
        }

        foreach (var name in _set.Keys.Where(n => !desired.ContainsKey(n)).ToList())
        {
            changes.Add(deadlines.CancelAsync(grain, name, cancellationToken));
            _set.Remove(name);
        }

        try
        {
            await Task.WhenAll(changes);
        }
        catch
        {
            _set = null; // re-read on the next command or activation
            throw;
        }
    }
}
