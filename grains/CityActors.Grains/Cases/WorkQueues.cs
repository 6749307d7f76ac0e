using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;

namespace CityActors.Grains.Cases;

/// <summary>
/// The cases on one owner's desk and the queues each is in. Updates carry the case's version, so a repeated or older
/// update never undoes a newer one.
/// </summary>
public sealed class WorkQueues
{
    private readonly Dictionary<string, QueuedCase> _cases = new(StringComparer.Ordinal);

    public int Count => _cases.Count;

    /// <summary>Where <paramref name="view"/> stands for <paramref name="owner"/> (no queues: not on its desk).</summary>
    public static QueuedCase For(CaseView view, WorkOwner owner)
    {
        ArgumentNullException.ThrowIfNull(view);
        var queues = view.Queues.Where(q => q.Owner == owner).Select(q => q.Queue).ToList();
        var deadlines = view.Timers
            .Where(t => t.Owner == owner || (t.EscalatedTo is { } to && WorkOwner.Centre(to) == owner))
            .Select(t => t.EscalatedTo is { } to && WorkOwner.Centre(to) == owner && t.EscalationDueAt is { } escalated ? escalated : t.DueAt)
            .ToList();
        return new QueuedCase(view.Id, view.Version, queues, view.MatterCode, view.Status, view.ReportedAt, deadlines.Count == 0 ? null : deadlines.Min());
    }

    /// <summary>Applies the update if it is newer than what is held; returns whether anything changed.</summary>
    public bool Apply(QueuedCase update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (_cases.TryGetValue(update.CaseId, out var held) && held.Version >= update.Version)
        {
            return false;
        }

        if (update.Queues.Count == 0)
        {
            return _cases.Remove(update.CaseId);
        }

        _cases[update.CaseId] = update;
        return true;
    }

    /// <summary>The cases in <paramref name="queue"/>, nearest deadline first.</summary>
    public IReadOnlyList<QueuedCase> In(WorkQueue queue) =>
        [.. _cases.Values.Where(c => c.Queues.Contains(queue)).OrderBy(c => c.NextDeadline ?? DateTimeOffset.MaxValue).ThenBy(c => c.ReportedAt).ThenBy(c => c.CaseId, StringComparer.Ordinal)];

    public IReadOnlyDictionary<WorkQueue, int> Counts() =>
        Enum.GetValues<WorkQueue>().ToDictionary(q => q, q => _cases.Values.Count(c => c.Queues.Contains(q)));
}
