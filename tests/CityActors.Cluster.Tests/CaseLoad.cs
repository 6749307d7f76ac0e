using System.Collections.Concurrent;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;

namespace CityActors.Cluster.Tests;

/// <summary>A command the cluster acknowledged, with the case's version and status as the grain returned them.</summary>
internal sealed record Acknowledged(string CaseId, string Command, int Version, CaseStatus Status);

/// <summary>
/// Callers driving cases through their lifecycle without pause, each on its own cases, until stopped. Every command
/// the cluster acknowledges is recorded; every failure is counted by kind. A caller that does not know whether its last
/// command committed (an error in flight) reads the case before deciding the next command.
/// </summary>
internal sealed class CaseLoad
{
    private readonly IClusterClient _grains;
    private readonly string _prefix;
    private readonly int _casesPerCaller;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _failureSamples = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Acknowledged> _acknowledged = new();
    private readonly ConcurrentDictionary<string, byte> _cases = new(StringComparer.Ordinal);
    private readonly Task[] _callers;
    private int _positions;

    private CaseLoad(IClusterClient grains, string prefix, int callers, int casesPerCaller)
    {
        _grains = grains;
        _prefix = prefix;
        _casesPerCaller = casesPerCaller;
        _callers = [.. Enumerable.Range(0, callers).Select(c => Task.Run(() => CallerAsync(c)))];
    }

    public IReadOnlyCollection<Acknowledged> AcknowledgedCommands => _acknowledged;

    /// <summary>Failures by exception type (refusals by <see cref="CaseErrorKind"/>).</summary>
    public IReadOnlyDictionary<string, int> Failures => _failures;

    /// <summary>The first message of each kind of failure.</summary>
    public IReadOnlyDictionary<string, string> FailureSamples => _failureSamples;

    /// <summary>Every case a caller has touched.</summary>
    public IReadOnlyCollection<string> Cases => [.. _cases.Keys];

    public static CaseLoad Start(IClusterClient grains, string prefix, int callers = 12, int casesPerCaller = 4) =>
        new(grains, prefix, callers, casesPerCaller);

    /// <summary>
    /// Stops the callers and returns the commands acknowledged so far. Callers whose call is stuck (sent to a silo that
    /// died, or through its gateway: the client waits out its response timeout) are left to finish on their own.
    /// </summary>
    public async Task<IReadOnlyList<Acknowledged>> StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAny(Task.WhenAll(_callers), Task.Delay(TimeSpan.FromSeconds(2)));
        return [.. _acknowledged];
    }

    public string Summary() =>
        $"{_acknowledged.Count} acknowledged commands on {_cases.Count} cases; failures: " +
        (_failures.IsEmpty ? "none" : string.Join(", ", _failures.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {f.Value}"))) +
        string.Concat(_failureSamples.Select(s => $"{Environment.NewLine}  {s.Key}: {s.Value}"));

    private async Task CallerAsync(int caller)
    {
        var slots = Enumerable.Range(0, _casesPerCaller).Select(i => new Slot(caller * 1_000_000 + i)).ToArray();
        for (var turn = 0; !_stop.IsCancellationRequested; turn++)
        {
            var slot = slots[turn % slots.Length];
            var externalId = $"{_prefix}-{slot.Number}";
            var grain = _grains.GetGrain<ICaseGrain>(CaseScript.CaseId(externalId));
            _cases.TryAdd(CaseScript.CaseId(externalId), 0);
            try
            {
                if (slot.Unsure)
                {
                    var current = await ReadAsync(grain);
                    (slot.Status, slot.Lead, slot.Unsure) = (current?.Status ?? CaseStatus.None, current?.Lead, false);
                    continue;
                }

                if (CaseScript.Next(externalId, Interlocked.Increment(ref _positions), slot.Status, slot.Lead) is not { } command)
                {
                    // Closed: this slot goes on with a new case.
                    (slot.Number, slot.Status, slot.Lead) = (slot.Number + 1000, CaseStatus.None, null);
                    continue;
                }

                var view = await grain.Execute(command);
                _acknowledged.Enqueue(new Acknowledged(view.Id, command.Name, view.Version, view.Status));
                (slot.Status, slot.Lead) = (view.Status, view.Lead);
            }
            catch (Exception ex) when (!_stop.IsCancellationRequested || ex is not OperationCanceledException)
            {
                var kind = ex is CaseCommandException refusal ? $"{nameof(CaseCommandException)}.{refusal.Kind}" : ex.GetType().Name;
                _failures.AddOrUpdate(kind, 1, (_, n) => n + 1);
                _failureSamples.TryAdd(kind, ex.Message);
                slot.Unsure = true;

                // Give a failing cluster a moment rather than a tight loop of errors.
                await Task.Delay(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    private static async Task<CaseView?> ReadAsync(ICaseGrain grain)
    {
        try
        {
            return await grain.Get();
        }
        catch (CaseCommandException ex) when (ex.Kind == CaseErrorKind.NotFound)
        {
            return null;
        }
    }

    private sealed class Slot(int number)
    {
        public int Number { get; set; } = number;

        public CaseStatus Status { get; set; }

        public string? Lead { get; set; }

        public bool Unsure { get; set; }
    }
}
