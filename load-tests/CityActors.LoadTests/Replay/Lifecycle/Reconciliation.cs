using System.Collections.Concurrent;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;

namespace CityActors.LoadTests.Replay.Lifecycle;

/// <summary>What reading every acknowledged case back found.</summary>
public sealed class ReconciliationResult
{
    private long _checked;

    public long Checked => Interlocked.Read(ref _checked);

    /// <summary>Cases acknowledged by the cluster that are missing, or whose journal lacks an acknowledged command.</summary>
    public ConcurrentBag<string> Lost { get; } = [];

    /// <summary>Cases whose journal holds a command more often than it was sent.</summary>
    public ConcurrentBag<string> Duplicated { get; } = [];

    /// <summary>Cases whose served state differs from their replayed journal, breaks an invariant, or did not end as planned.</summary>
    public ConcurrentBag<string> Inconsistent { get; } = [];

    /// <summary>Cases that could not be read at all (after retries).</summary>
    public ConcurrentBag<string> Unreadable { get; } = [];

    public ClockAudit Clocks { get; } = new();

    public void CountChecked() => Interlocked.Increment(ref _checked);
}

/// <summary>
/// Reads back every case the cluster acknowledged (through the cluster's grains, whatever front door the traffic
/// used) and holds it against the replay's ledger: the case exists; its journal holds at least every acknowledged
/// command and at most every command sent, per kind (fewer: lost; more: duplicated); the state it serves is the state
/// its journal replays to, at the same version, and satisfies the case invariants (<see cref="CaseConsistency"/>); a
/// case whose lifecycle completed is closed. The SLA clocks of completed cases go to the <see cref="ClockAudit"/>.
/// </summary>
public static class Reconciliation
{
    private const int Concurrency = 32;
    private static readonly TimeSpan ReadLimit = TimeSpan.FromSeconds(20);

    public static async Task<ReconciliationResult> RunAsync(IGrainFactory grains, IReadOnlyList<CaseLedger> ledgers, DateTimeOffset now, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var result = new ReconciliationResult();
        await Parallel.ForEachAsync(ledgers.Where(l => l.Reported), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = stop }, async (ledger, token) =>
        {
            var id = ledger.Plan.CaseId;
            var grain = grains.GetGrain<ICaseGrain>(id);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var view = await grain.Get().WaitAsync(ReadLimit, token).ConfigureAwait(false);
                    var history = await grain.GetHistory().WaitAsync(ReadLimit, token).ConfigureAwait(false);
                    Check(ledger, view, history, result);
                    if (ledger.Completed)
                    {
                        // The plan's expectations cover completed cases only; an abandoned case's clocks ran on without its people.
                        result.Clocks.Add(history, now);
                    }

                    break;
                }
                catch (CaseCommandException ex) when (ex.Kind == CaseErrorKind.NotFound)
                {
                    result.Lost.Add($"{id}: acknowledged, not found");
                    break;
                }
                catch (Exception ex) when (attempt < 5 && !token.IsCancellationRequested && ex is not CaseCommandException)
                {
                    await Task.Delay(TimeSpan.FromSeconds(attempt), token).ConfigureAwait(false);
                }
                catch (Exception ex) when (!token.IsCancellationRequested)
                {
                    result.Unreadable.Add($"{id}: {ex.GetType().Name}: {ex.Message}");
                    break;
                }
            }

            result.CountChecked();
        }).ConfigureAwait(false);
        return result;
    }

    private static void Check(CaseLedger ledger, CaseView view, IReadOnlyList<CaseEvent> history, ReconciliationResult result)
    {
        var id = ledger.Plan.CaseId;
        foreach (var kind in StepKinds.All)
        {
            var events = CaseLedger.EventsOf(kind, history);
            if (events < ledger.Acknowledged(kind))
            {
                result.Lost.Add($"{id}: {ledger.Acknowledged(kind)} {kind.Name()} acknowledged, {events} in the journal");
            }

            if (events > ledger.Attempted(kind))
            {
                result.Duplicated.Add($"{id}: {ledger.Attempted(kind)} {kind.Name()} sent, {events} in the journal");
            }
        }

        if (history.Count(e => e is CaseReported) > 1)
        {
            result.Duplicated.Add($"{id}: reported {history.Count(e => e is CaseReported)} times");
        }

        if (view.Version < ledger.LastVersion)
        {
            result.Lost.Add($"{id}: version {ledger.LastVersion} acknowledged, the case is at {view.Version}");
        }

        var replayed = new CaseState();
        foreach (var e in history)
        {
            replayed.Apply(e);
        }

        var problems = CaseConsistency.Violations(replayed).ToList();
        if (replayed.Version != view.Version || replayed.Status != view.Status)
        {
            problems.Add($"serves {view.Status} v{view.Version}, its journal replays to {replayed.Status} v{replayed.Version}");
        }

        if (ledger.Completed && view.Status != CaseStatus.Closed)
        {
            problems.Add($"its lifecycle completed but it is {view.Status}");
        }

        foreach (var problem in problems)
        {
            result.Inconsistent.Add($"{id}: {problem}");
        }
    }
}
