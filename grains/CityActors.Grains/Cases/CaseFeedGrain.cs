using System.Text.Json;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;
using CityActors.GrainInterfaces.Serialization;
using CityActors.Journals;
using Orleans.Concurrency;

namespace CityActors.Grains.Cases;

/// <summary>
/// Serves the case feed from the silo's journal feed. It remembers each case's place and departments as their events
/// pass (a report gives the place, a dispatch the departments) and asks the case itself for cases it has not seen.
/// </summary>
[StatelessWorker(1)]
[Reentrant]
public sealed class CaseFeedGrain(IJournalFeed feed) : Grain, ICaseFeedGrain
{
    private const int MaxRemembered = 100_000;
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(20);
    private readonly Dictionary<string, (CasePlace? Place, HashSet<string> Departments)> _cases = new(StringComparer.Ordinal);

    public async Task<string> Head() => Format(await feed.HeadAsync(CaseJournal.GrainType, CancellationToken.None));

    public async Task<CaseFeedPage> Next(string after, int max, TimeSpan wait)
    {
        var position = Parse(after);
        max = Math.Clamp(max, 1, 1000);
        var records = await feed.ReadAsync(CaseJournal.GrainType, position, max, CancellationToken.None);
        if (records.Count == 0 && wait > TimeSpan.Zero)
        {
            await feed.WaitAsync(CaseJournal.GrainType, position, wait < MaxWait ? wait : MaxWait, CancellationToken.None);
            records = await feed.ReadAsync(CaseJournal.GrainType, position, max, CancellationToken.None);
        }

        var items = new List<CaseFeedItem>(records.Count);
        foreach (var record in records)
        {
            var caseId = record.Journal.Key;
            var @event = JsonSerializer.Deserialize<CaseEvent>(record.Record.Payload, DomainSerialization.Json)
                ?? throw new InvalidOperationException($"Journal {record.Journal} holds a null event at version {record.Record.Version}.");
            var (place, departments) = await KnownAsync(caseId, @event);
            items.Add(new CaseFeedItem(Format(record.Position), caseId, @event, place, [.. departments]));
        }

        await AttachQueuesAsync(items);
        return new CaseFeedPage(items, records.Count == 0 ? after : Format(records[^1].Position));
    }

    /// <summary>
    /// For each case whose events in the page can move it between work queues, its queues now, on its last event of
    /// the page: one read of the case per page, however many of its events the page holds.
    /// </summary>
    private async Task AttachQueuesAsync(List<CaseFeedItem> items)
    {
        var moved = items.Select((item, index) => (item, index))
            .Where(x => MovesQueues(x.item.Event))
            .GroupBy(x => x.item.CaseId, StringComparer.Ordinal)
            .Select(g => items.FindLastIndex(i => i.CaseId == g.Key))
            .ToList();
        var views = await Task.WhenAll(moved.Select(async index =>
        {
            try
            {
                return (index, (await GrainFactory.GetGrain<ICaseGrain>(items[index].CaseId).Get()).Queues);
            }
            catch (CaseCommandException)
            {
                return (index, (IReadOnlyList<QueueEntry>)[]);
            }
        }));
        foreach (var (index, queues) in views)
        {
            items[index] = items[index] with { Queues = queues };
        }
    }

    /// <summary>Events that only reschedule clocks or record links and flags leave the case in the queues it was in.</summary>
    private static bool MovesQueues(CaseEvent @event) =>
        @event is not (TimerStarted or TimerRescheduled or TimerStopped or ReporterLinked or DuplicatesFlagged or DuplicateScored or CaseEvaluated);

    private async Task<(CasePlace? Place, HashSet<string> Departments)> KnownAsync(string caseId, CaseEvent @event)
    {
        if (!_cases.TryGetValue(caseId, out var known))
        {
            if (_cases.Count >= MaxRemembered)
            {
                _cases.Clear();
            }

            known = @event is CaseReported reported
                ? (reported.Place, new HashSet<string>(StringComparer.Ordinal))
                : await AskCaseAsync(caseId);
            _cases[caseId] = known;
        }

        if (@event is CaseDispatched dispatched)
        {
            known.Departments.Add(dispatched.Lead);
            known.Departments.UnionWith(dispatched.CoHandlers);
        }

        return known;
    }

    private async Task<(CasePlace? Place, HashSet<string> Departments)> AskCaseAsync(string caseId)
    {
        try
        {
            var view = await GrainFactory.GetGrain<ICaseGrain>(caseId).Get();
            return (view.Place, new HashSet<string>(view.DispatchedTo, StringComparer.Ordinal));
        }
        catch (CaseCommandException)
        {
            return (null, new HashSet<string>(StringComparer.Ordinal));
        }
    }

    private static string Format(FeedPosition position) => CaseFeedPosition.Format(position.Transaction, position.Sequence);

    private static FeedPosition Parse(string text) => CaseFeedPosition.TryParse(text, out var transaction, out var sequence)
        ? new FeedPosition(transaction, sequence)
        : throw new ArgumentException(CaseFeedPosition.Describe(text));
}
