using System.Text.Json;
using CityActors.Domain.Cases;
using CityActors.Domain.City;
using CityActors.Domain.Vitals;
using CityActors.GrainInterfaces.Cases;
using CityActors.GrainInterfaces.City;
using CityActors.GrainInterfaces.Serialization;
using CityActors.GrainInterfaces.Vitals;
using Microsoft.Extensions.Logging;

namespace CityActors.Grains.Cases;

/// <summary>
/// Folds case journals into the read model. Each batch: read the feed after the stored checkpoint, load the affected
/// cases' stored states, apply the new events (skipping versions already applied, refusing gaps), tell every work
/// queue whose view of a case changed, the duplicate tiles of cases that ended and the vital signs of units whose cases
/// opened, closed, warned or turned overdue, then store the states together with the new checkpoint. It also carries a
/// merged case's reporter to the surviving case, so no case ever waits on another case within its turn. A crash
/// anywhere repeats the batch: everything it sends is versioned or idempotent.
/// </summary>
public sealed partial class CaseProjector(IJournalFeed feed, ICaseProjectionStore store, IGrainFactory grains, CityModel city, ILogger<CaseProjector> log)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private FeedPosition? _checkpoint;

    /// <summary>
    /// Most feed records one batch takes. A batch costs about the same few round trips whatever its size, so under load
    /// bigger batches keep the projection up with the journal (at 1,000 it fell behind by 20 s in a 50 s
    /// case-lifecycle run of about 3,000 records/s; at 4,000 it stayed within 40 ms; docs/benchmarks.md).
    /// </summary>
    public int BatchSize { get; init; } = 4000;

    /// <summary>The last position projected by this instance (null before its first batch).</summary>
    public FeedPosition? Checkpoint => _checkpoint;

    /// <summary>Projects until the feed has nothing more; returns the number of records projected.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        for (int projected; (projected = await ProjectBatchAsync(cancellationToken).ConfigureAwait(false)) > 0;)
        {
            total += projected;
        }

        return total;
    }

    public async Task<int> ProjectBatchAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var checkpoint = _checkpoint ??= await store.ReadCheckpointAsync(cancellationToken).ConfigureAwait(false);
            var records = await feed.ReadAsync(CaseJournal.GrainType, checkpoint, BatchSize, cancellationToken).ConfigureAwait(false);
            if (records.Count == 0)
            {
                return 0;
            }

            var ids = records.Select(r => r.Journal.Key).Distinct(StringComparer.Ordinal).ToList();
            var stored = await store.LoadAsync(ids, cancellationToken).ConfigureAwait(false);
            var states = ids.ToDictionary(id => id, id => stored.GetValueOrDefault(id) ?? new CaseState(), StringComparer.Ordinal);
            var before = states.ToDictionary(s => s.Key, s => s.Value.Status == CaseStatus.None ? null : CaseView.From(s.Value), StringComparer.Ordinal);
            foreach (var record in records)
            {
                Apply(states[record.Journal.Key], record);
            }

            var changed = states.Values.Where(s => s.Status != CaseStatus.None && s.Version != (before[s.Id]?.Version ?? 0)).Select(ProjectedCase.Of).ToList();
            var after = changed.Select(c => c.View).ToList();
            await Task.WhenAll(UpdateQueuesAsync(before, after), UpdateTilesAsync(before, after), UpdateVitalsAsync(before, after), LinkMergedReportersAsync(before, changed)).ConfigureAwait(false);
            await store.SaveAsync(changed, checkpoint, records[^1].Position, cancellationToken).ConfigureAwait(false);
            _checkpoint = records[^1].Position;
            return records.Count;
        }
        catch
        {
            _checkpoint = null; // re-read the stored checkpoint: another projector may have moved it
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Apply(CaseState state, FeedRecord record)
    {
        if (record.Record.Version <= state.Version)
        {
            return; // already in the stored state
        }

        if (record.Record.Version != state.Version + 1)
        {
            throw new InvalidOperationException($"Journal of {record.Journal} jumps from version {state.Version} to {record.Record.Version} in the feed at {record.Position}.");
        }

        var @event = JsonSerializer.Deserialize<CaseEvent>(record.Record.Payload, DomainSerialization.Json)
            ?? throw new InvalidOperationException($"Journal of {record.Journal} holds a null event at version {record.Record.Version}.");
        state.Apply(@event);
    }

    private Task UpdateQueuesAsync(Dictionary<string, CaseView?> before, List<CaseView> after)
    {
        var updates = new Dictionary<WorkOwner, List<QueuedCase>>();
        foreach (var view in after)
        {
            var owners = view.Queues.Select(q => q.Owner).Concat(before[view.Id]?.Queues.Select(q => q.Owner) ?? []).Distinct();
            foreach (var owner in owners)
            {
                (updates.TryGetValue(owner, out var list) ? list : updates[owner] = []).Add(WorkQueues.For(view, owner));
            }
        }

        return Task.WhenAll(updates.Select(u => u.Key.Kind == OwnerKind.Centre
            ? grains.GetGrain<IOpsCenterGrain>(u.Key.Code).UpdateQueues(u.Value)
            : grains.GetGrain<IDepartmentGrain>(u.Key.Code).UpdateQueues(u.Value)));
    }

    private Task UpdateTilesAsync(Dictionary<string, CaseView?> before, List<CaseView> after)
    {
        var calls = new List<Task>();
        foreach (var view in after)
        {
            if (DuplicateIndex.MarkOf(city.Projection, view) is not { } open)
            {
                continue;
            }

            var wasOpen = before[view.Id]?.Status.IsOpen() ?? false;
            var tile = grains.GetGrain<IDuplicateTileGrain>(open.Tile);
            if (!view.Status.IsOpen() && (wasOpen || before[view.Id] is null))
            {
                calls.Add(tile.Remove(view.Id));
            }
            else if (view.Status.IsOpen() && !wasOpen)
            {
                calls.Add(tile.Add(open.Mark));
            }
        }

        return Task.WhenAll(calls);
    }

    /// <summary>Sends each unit the marks of its cases whose mark changed in this batch, in one call per unit.</summary>
    private Task UpdateVitalsAsync(Dictionary<string, CaseView?> before, List<CaseView> after)
    {
        var updates = new Dictionary<string, List<CaseMarkUpdate>>(StringComparer.Ordinal);
        foreach (var view in after)
        {
            var mark = CaseMark.Of(view);
            var was = before[view.Id] is { } old ? CaseMark.Of(old) : null;
            if (mark == was || (was is null && !mark.Open))
            {
                continue;
            }

            var unit = CaseMark.UnitOf(view.Place);
            (updates.TryGetValue(unit, out var list) ? list : updates[unit] = []).Add(new CaseMarkUpdate(view.Id, view.Version, mark));
        }

        return Task.WhenAll(updates.Select(u => grains.GetGrain<IVitalsGrain>(u.Key).SetCases(u.Value)));
    }

    /// <summary>Each case that became merged in this batch links its reporter into the case it was merged into.</summary>
    private Task LinkMergedReportersAsync(Dictionary<string, CaseView?> before, List<ProjectedCase> changed) =>
        Task.WhenAll(changed
            .Where(c => c.State.Status == CaseStatus.Merged && before[c.State.Id]?.Status != CaseStatus.Merged && c.State.MergedInto is not null)
            .Select(c => LinkReporterAsync(c.State)));

    private async Task LinkReporterAsync(CaseState merged)
    {
        try
        {
            await grains.GetGrain<ICaseLinkGrain>(merged.MergedInto!).LinkReporter(merged.Id, merged.Reporters.FirstOrDefault()).ConfigureAwait(false);
        }
        catch (CaseCommandException ex)
        {
            // A refusal is final (the named case does not exist): repeating the batch would refuse again forever.
            LogLinkRefused(merged.Id, merged.MergedInto!, ex.Message);
        }
    }

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Case {CaseId} was merged into {IntoCaseId}, which refused its reporter: {Reason}")]
    private partial void LogLinkRefused(string caseId, string intoCaseId, string reason);
}
