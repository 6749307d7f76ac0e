using CityActors.Deadlines;
using CityActors.Domain.Cases;

namespace CityActors.Grains.Cases;

/// <summary>
/// Keeps one case's durable deadlines equal to its clocks' next points: one deadline per running clock, none while the
/// case is suspended or ended. Remembers what is stored during the activation so a command changes only what moved;
/// the changes of a command travel with its journal append (<see cref="IJournalWithDeadlines"/>). After a failed
/// write it re-reads what is stored, and on activation it reconciles, so a clock is never left without its deadline.
/// </summary>
internal sealed class CaseDeadlines(IDeadlines deadlines, GrainId grain)
{
    private const string Prefix = "sla:";

    private Dictionary<string, DateTimeOffset>? _stored;

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
        if (_stored is not null && _stored.TryGetValue(deadline.Name, out var due) && due == deadline.Due)
        {
            _stored.Remove(deadline.Name);
        }
    }

    /// <summary>
    /// The changes that take the stored deadlines to what <paramref name="state"/> calls for. A journal still empty at
    /// <paramref name="journalVersion"/> 0 has no deadlines (they are only written with appends), so nothing is read.
    /// </summary>
    public async Task<IReadOnlyList<DeadlineChange>> ChangesForAsync(CaseState state, long journalVersion, CancellationToken cancellationToken)
    {
        var stored = await StoredAsync(journalVersion, cancellationToken);
        var desired = Desired(state);
        var changes = new List<DeadlineChange>();
        foreach (var (name, due) in desired)
        {
            if (!stored.TryGetValue(name, out var current) || current != due)
            {
                changes.Add(deadlines.Change(grain, name, due));
            }
        }

        foreach (var name in stored.Keys.Where(n => !desired.ContainsKey(n)))
        {
            changes.Add(deadlines.Change(grain, name, null));
        }

        return changes;
    }

    /// <summary>The changes committed: they are what is stored now.</summary>
    public void Committed(IReadOnlyList<DeadlineChange> changes)
    {
        if (_stored is null)
        {
            return;
        }

        foreach (var change in changes)
        {
            if (change.Due is { } due)
            {
                _stored[change.Key.Name] = due;
            }
            else
            {
                _stored.Remove(change.Key.Name);
            }
        }
    }

    /// <summary>Whether changes committed is unknown: what is stored is read again before the next command.</summary>
    public void Forget() => _stored = null;

    /// <summary>Writes whatever differs from what <paramref name="state"/> calls for, on its own (activation reconciliation).</summary>
    public async Task SyncAsync(CaseState state, long journalVersion, CancellationToken cancellationToken)
    {
        var changes = await ChangesForAsync(state, journalVersion, cancellationToken);
        try
        {
            await Task.WhenAll(changes.Select(c => c.IsCancel
                ? deadlines.CancelAsync(grain, c.Key.Name, cancellationToken)
                : deadlines.SetAsync(grain, c.Key.Name, c.Due!.Value, cancellationToken)));
        }
        catch
        {
            Forget();
            throw;
        }

        Committed(changes);
    }

    private async Task<Dictionary<string, DateTimeOffset>> StoredAsync(long journalVersion, CancellationToken cancellationToken)
    {
        if (_stored is null && journalVersion == 0)
        {
            _stored = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        }

        return _stored ??= (await deadlines.GetAsync(grain, cancellationToken))
            .Where(d => d.Key.StartsWith(Prefix, StringComparison.Ordinal))
            .ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
    }
}
