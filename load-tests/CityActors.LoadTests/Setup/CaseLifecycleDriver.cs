using System.Diagnostics;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;
using CityActors.LoadTests.Measurement;

namespace CityActors.LoadTests.Setup;

/// <summary>
/// Drives one case after another from intake to closure, as a hotline case goes: report (12345 hotline), verify,
/// accept (automatic dispatch), sign for, report handled, inspect (closed). Each command is awaited before the next;
/// the case must reach the planned department and close. Records each command's latency in the measured period.
/// </summary>
public sealed class CaseLifecycleDriver(IGrainFactory grains, IReadOnlyList<CasePlan> plans, string idPrefix) : IDisposable
{
    public static readonly IReadOnlyList<string> Commands = ["report", "verify", "accept", "sign for", "handled", "inspect"];

    private static readonly Actor Hotline = new("hotline-platform", Role.ChannelSystem, "hotline");

    private readonly StepLatencies _latencies = new(Commands.Count);

    /// <summary>One case: caller <paramref name="caller"/>'s case number <paramref name="n"/>.</summary>
    public async ValueTask DriveAsync(int caller, long n, LoadPhase phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        var plan = plans[(int)(((caller * 7919L) + n) % plans.Count)];
        var externalId = FormattableString.Invariant($"{idPrefix}{caller}-{n}");
        var grain = grains.GetGrain<ICaseGrain>(Channels.CaseIdFor(Channel.Hotline, externalId));
        var centre = new Actor("operator", Role.CentreOperator, plan.Street);
        var clerk = new Actor("clerk", Role.DepartmentClerk, plan.Department);
        await StepAsync(0, () => grain.Execute(new ReportCase(Hotline, new CaseReport(Channel.Hotline, externalId, plan.Matter, "load test", plan.Location))), phase).ConfigureAwait(false);
        await StepAsync(1, () => grain.Execute(new VerifyCase(centre)), phase).ConfigureAwait(false);
        var accepted = await StepAsync(2, () => grain.Execute(new AcceptCase(centre)), phase).ConfigureAwait(false);
        if (accepted.Lead != plan.Department)
        {
            throw new InvalidOperationException($"Case {accepted.Id} went to {accepted.Lead}, not {plan.Department}.");
        }

        await StepAsync(3, () => grain.Execute(new SignFor(clerk, plan.Department)), phase).ConfigureAwait(false);
        await StepAsync(4, () => grain.Execute(new ReportHandled(clerk, plan.Department, "done")), phase).ConfigureAwait(false);
        var closed = await StepAsync(5, () => grain.Execute(new InspectCase(centre, true)), phase).ConfigureAwait(false);
        if (closed.Status != CaseStatus.Closed)
        {
            throw new InvalidOperationException($"Case {closed.Id} ended {closed.Status}.");
        }
    }

    /// <summary>Latencies of each command (in <see cref="Commands"/> order) and of all commands together, for the measured period.</summary>
    public (IReadOnlyList<LatencyHistogram> ByCommand, LatencyHistogram All) Latencies() =>
        _latencies.Snapshot();

    public void Dispose() => _latencies.Dispose();

    private async Task<CaseView> StepAsync(int command, Func<Task<CaseView>> call, LoadPhase phase)
    {
        var started = Stopwatch.GetTimestamp();
        var view = await call().ConfigureAwait(false);
        _latencies.Record(command, Stopwatch.GetElapsedTime(started), phase);

        return view;
    }
}
