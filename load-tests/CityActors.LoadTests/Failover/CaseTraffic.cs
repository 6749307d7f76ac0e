using System.Collections.Concurrent;
using System.Globalization;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;

namespace CityActors.LoadTests.Failover;

/// <summary>
/// Callers taking hotline cases through their lifecycle (report, verify, accept with automatic dispatch, sign for,
/// report handled, inspect) without pause until stopped, each on one case at a time, then the next. Acknowledged commands are kept with the
/// version the grain returned, to be checked against the journals afterwards. After an error a caller reads the case
/// before deciding what to send next: the command may or may not have committed.
/// </summary>
internal sealed class CaseTraffic
{
    private static readonly Actor Hotline = new("hotline", Role.ChannelSystem, "hotline");
    private static readonly Actor CityLeader = new("leader-1", Role.CentreLeader, "nyc");

    private readonly IClusterClient _grains;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<(string CaseId, int Version)> _acknowledged = new();
    private readonly ConcurrentDictionary<int, string> _live = new();
    private readonly Task[] _callers;
    private long _failures;
    private int _positions;

    private CaseTraffic(IClusterClient grains, int callers)
    {
        _grains = grains;
        _callers = [.. Enumerable.Range(0, callers).Select(caller => Task.Run(() => CallerAsync(caller)))];
    }

    public long Acknowledged => _acknowledged.Count;

    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>The cases the callers are working on now (the ones they will call next).</summary>
    public IReadOnlySet<string> Live => _live.Values.ToHashSet(StringComparer.Ordinal);

    public static CaseTraffic Start(IClusterClient grains, int callers) => new(grains, callers);

    /// <summary>Stops the callers; a caller stuck in a call the client waits out (sent to a killed silo) is not waited for.</summary>
    public async Task<IReadOnlyList<(string CaseId, int Version)>> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAny(Task.WhenAll(_callers), Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        return [.. _acknowledged];
    }

    private async Task CallerAsync(int caller)
    {
        var (number, status, lead, unsure) = (caller * 1_000_000, CaseStatus.None, (string?)null, false);
        while (!_stop.IsCancellationRequested)
        {
            var externalId = $"fo-{number.ToString(CultureInfo.InvariantCulture)}";
            var caseId = Channels.CaseIdFor(Channel.Hotline, externalId);
            _live[caller] = caseId;
            var grain = _grains.GetGrain<ICaseGrain>(caseId);
            try
            {
                if (unsure)
                {
                    var current = await ReadAsync(grain).ConfigureAwait(false);
                    (status, lead, unsure) = (current?.Status ?? CaseStatus.None, current?.Lead, false);
                    continue;
                }

                if (Next(externalId, status, lead) is not { } command)
                {
                    (number, status, lead) = (number + 1, CaseStatus.None, null);
                    continue;
                }

                var view = await grain.Execute(command).ConfigureAwait(false);
                _acknowledged.Enqueue((view.Id, view.Version));
                (status, lead) = (view.Status, view.Lead);
            }
            catch (Exception) when (!_stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref _failures);
                unsure = true;
                await Task.Delay(50).ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private CaseCommand? Next(string externalId, CaseStatus status, string? lead) => status switch
    {
        CaseStatus.None => Report(externalId),
        CaseStatus.Reported => new VerifyCase(CityLeader, "seen on site"),
        CaseStatus.Verified => new AcceptCase(CityLeader),
        CaseStatus.Dispatched when lead is not null => new SignFor(new Actor("clerk-1", Role.DepartmentClerk, lead), lead),
        CaseStatus.Handling when lead is not null => new ReportHandled(new Actor("handler-1", Role.DepartmentHandler, lead), lead, "done"),
        CaseStatus.Handled => new InspectCase(CityLeader, Passed: true),
        _ => null,
    };

    /// <summary>A noise report in midtown Manhattan; points about 70 m apart (beyond the 50 m duplicate radius).</summary>
    private ReportCase Report(string externalId)
    {
        var n = Interlocked.Increment(ref _positions);
        return new ReportCase(Hotline, new CaseReport(
            Channel.Hotline, externalId, "NYC001", "Noise", ReportedLocation.At(-73.993 + (n % 20 * 0.0008), 40.750 + (n / 20 % 20 * 0.0008)), new Reporter(Phone: "212")));
    }

    private static async Task<CaseView?> ReadAsync(ICaseGrain grain)
    {
        try
        {
            return await grain.Get().ConfigureAwait(false);
        }
        catch (CaseCommandException ex) when (ex.Kind == CaseErrorKind.NotFound)
        {
            return null;
        }
    }
}
